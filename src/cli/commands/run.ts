/**
 * `busmark run <scenario>` (and `busmark run --all`): run a scenario by name or path, show progress, write its
 * report, and exit with the code CI gates on.
 * @module
 */
import { NATS_FLAG_USAGE } from "../../nats/options.ts";
import { allEnv, getEnv, onTerminate, stdoutIsTTY, writeOut } from "../../runtime/host.ts";
import { loadScenarioFile, resolveScenarioRef } from "../../scenario/mod.ts";
import type { Command } from "../command.ts";
import { UsageError } from "../../errors.ts";
import { exitCodeForVerdict } from "../../exit-codes.ts";
import { openDashboard, takeDashboardFlag } from "../dashboard.ts";
import { createProgress, type ProgressMode } from "../progress.ts";
import { RUN_ALL_USAGE, runAllFromRequest } from "../run-all.ts";
import { reportRunError } from "../run-errors.ts";
import { checkOutputDir, runJob } from "../run-job.ts";
import {
  parseRunRequest,
  progressOptions,
  RUN_EXTRA_USAGE,
  type RunRequest,
  scenarioForRequest,
} from "../run-request.ts";
import { renderSummary } from "../summary.ts";

const USAGE = `Usage: busmark run <scenario> [options]
       busmark run --all [--tag TAG ...] [options]

Runs a scenario (a name from scenarios/ or a path to a YAML file) against NATS and the system under test, writes
reports/<scenario>/<run-id>/result.json, and exits with:
  0    every threshold passed
  1    a threshold failed
  2    invalid scenario or usage
  3    infrastructure unavailable (NATS unreachable, the service did not start or become ready)
  4    invalid run: busmark could not drive the load (schedule lag over --max-lag, or its own CPU saturated);
       the runner was too busy to measure, the reason is printed in one line
  130  interrupted (the report is still written, marked interrupted)

Options:
  --quick                  run the scenario's quick variant
  --out DIR                report directory root (default: reports)
  --seed N                 seed for the event sequence and payloads (default: the scenario's)
  --quiet                  print only the final summary
  --service-command CMD    run this command as the service instead of the scenario's ({nats}, {db} expand)
  --service-db PATH        the SQLite file that command writes (persistence is confirmed by querying it)
  --max-lag MS             schedule-lag p99 beyond which the run is invalid, busmark itself could not offer the
                           load (default 20)
  --dashboard [PORT]       serve a live dashboard on http://127.0.0.1:PORT/ during the run, updated every second
                           (default: any free port, printed at the start)
${RUN_EXTRA_USAGE}${RUN_ALL_USAGE}${NATS_FLAG_USAGE}`;

/** Exit code for a finished run's verdict (see {@link exitCodeForVerdict}). */
export const exitCodeFor = exitCodeForVerdict;

/** Runs the one scenario a request names (with a live dashboard on `dashboardPort`); resolves to the exit code. */
async function runOne(request: RunRequest, dashboardPort?: number): Promise<number> {
  let scenario;
  try {
    const loaded = loadScenarioFile(resolveScenarioRef(request.ref!), { quick: request.quick, env: request.env });
    scenario = scenarioForRequest(request, loaded);
  } catch (error) {
    const code = reportRunError(error, "run", request.auth);
    if (code === undefined) throw error;
    return code;
  }
  checkOutputDir(request.out);
  const mode: ProgressMode = request.quiet ? "quiet" : stdoutIsTTY() && !getEnv("CI") ? "tty" : "plain";
  const progress = createProgress(mode, writeOut, progressOptions(request));
  const dashboard = dashboardPort === undefined ? undefined : await openDashboard(scenario, dashboardPort);
  if (dashboard) writeOut(`dashboard: ${dashboard.url}\n`);
  const interrupt = new AbortController();
  const removeHandler = onTerminate(() => interrupt.abort(), { watchWrapper: true });
  try {
    const { dir, result, baselineDirs } = await runJob(request, scenario, {
      listener: dashboard
        ? (event) => {
          progress(event);
          dashboard.listener(event);
        }
        : progress,
      signal: interrupt.signal,
      announce: writeOut,
    });
    dashboard?.finish(result, dir);
    progress.end();
    writeOut(renderSummary(result, dir));
    for (const b of baselineDirs) writeOut(`baseline saved: ${b}\n`);
    return exitCodeFor(result.verdict);
  } catch (error) {
    progress.end();
    const code = reportRunError(error, "run", request.auth);
    if (code === undefined) throw error;
    return code;
  } finally {
    removeHandler();
    await dashboard?.close();
  }
}

/** The `run` command. */
export const runCommand: Command = {
  name: "run",
  usage: USAGE,
  async run(args) {
    const { args: rest, port } = takeDashboardFlag(args);
    const request = parseRunRequest(rest, allEnv());
    if (request.all && port !== undefined) {
      throw new UsageError("`--dashboard` watches one run; it does not take `--all`");
    }
    return request.all ? await runAllFromRequest(request) : await runOne(request, port);
  },
};
