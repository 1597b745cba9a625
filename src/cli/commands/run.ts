/**
 * `busmark run <scenario>`: run a scenario by name or path, show progress, write its report, and exit with the
 * code CI gates on.
 * @module
 */
import { InfrastructureError, ScenarioError, UsageError } from "../../errors.ts";
import { NATS_FLAG_USAGE, parseNatsFlags } from "../../nats/options.ts";
import { maskSecrets } from "../../nats/mask.ts";
import { runScenario } from "../../run/runner.ts";
import { allEnv, getEnv, onTerminate, stdoutIsTTY, writeErr, writeOut } from "../../runtime/host.ts";
import { loadScenarioFile, resolveScenarioRef } from "../../scenario/mod.ts";
import { intFlag, parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { ExitCode, exitCodeForVerdict } from "../../exit-codes.ts";
import { createProgress, type ProgressMode } from "../progress.ts";
import { formatProblems } from "../problems.ts";
import { finishRuns, parseRunExtras, RUN_EXTRA_FLAGS, RUN_EXTRA_USAGE } from "../run-extras.ts";
import { RUN_ALL_FLAGS, RUN_ALL_USAGE, runAllIfAsked } from "../run-all.ts";
import { renderSummary } from "../summary.ts";

const USAGE = `Usage: busmark run <scenario> [options]
       busmark run --all [--tag TAG ...] [options]

Runs a scenario (a name from scenarios/ or a path to a YAML file) against NATS and the system under test, writes
reports/<scenario>/<run-id>/result.json, and exits 0 (thresholds pass), 1 (a threshold failed), 2 (invalid scenario
or usage), 3 (infrastructure unavailable, or busmark could not offer the load) or 130 (interrupted; the report is
still written, marked interrupted).

Options:
  --quick                  run the scenario's quick variant
  --out DIR                report directory root (default: reports)
  --seed N                 seed for the event sequence and payloads (default: the scenario's)
  --quiet                  print only the final summary
  --service-command CMD    run this command as the service instead of the scenario's ({nats}, {db} expand)
  --service-db PATH        the SQLite file that command writes (persistence is confirmed by querying it)
  --max-lag MS             schedule-lag p99 beyond which the run is invalid, busmark itself could not offer the
                           load (default 20)
${RUN_EXTRA_USAGE}${RUN_ALL_USAGE}${NATS_FLAG_USAGE}`;

/** Exit code for a finished run's verdict (see {@link exitCodeForVerdict}). */
export const exitCodeFor = exitCodeForVerdict;

/** The `run` command. */
export const runCommand: Command = {
  name: "run",
  summary: "run a scenario and judge it against its thresholds",
  usage: USAGE,
  async run(args) {
    const env = allEnv();
    const nats = parseNatsFlags(args, env);
    const parsed = parseArgs(nats.rest, {
      values: ["out", "seed", "service-command", "service-db", "max-lag", ...RUN_EXTRA_FLAGS, ...RUN_ALL_FLAGS],
      booleans: ["quick", "quiet", "all"],
      repeatable: ["tag"],
    });
    const all = runAllIfAsked(parsed, nats, env, args);
    if (all) return await all;
    const [ref, ...extra] = parsed.positionals;
    if (!ref) throw new UsageError("name a scenario (see `busmark list`)");
    if (extra.length > 0) throw new UsageError(`unexpected argument \`${extra[0]}\``);
    const quick = parsed.booleans.has("quick");
    const extras = parseRunExtras(parsed.flags);
    let scenario;
    try {
      scenario = loadScenarioFile(resolveScenarioRef(ref), { quick, env });
    } catch (error) {
      if (error instanceof ScenarioError) {
        writeErr(formatProblems(error.problems));
        return ExitCode.Invalid;
      }
      throw error;
    }
    const mode: ProgressMode = parsed.booleans.has("quiet")
      ? "quiet"
      : stdoutIsTTY() && !getEnv("CI")
      ? "tty"
      : "plain";
    const progress = createProgress(mode, writeOut);
    const interrupt = new AbortController();
    const removeHandler = onTerminate(() => interrupt.abort());
    const seed = intFlag(parsed.flags.seed, "seed");
    const serviceCommand = parsed.flags["service-command"];
    const maxLagMs = intFlag(parsed.flags["max-lag"], "max-lag");
    try {
      const results = [];
      for (let i = 0; i < extras.repeat && !interrupt.signal.aborted; i++) {
        if (extras.repeat > 1) writeOut(`run ${i + 1} of ${extras.repeat}\n`);
        results.push(
          await runScenario({
            scenario,
            auth: nats.auth,
            env,
            listener: progress,
            signal: interrupt.signal,
            command: ["busmark run", ...args.map((a) => maskSecrets(a, nats.auth))].join(" "),
            ...(seed !== undefined ? { seed } : {}),
            ...(maxLagMs !== undefined ? { health: { maxLagP99Us: maxLagMs * 1000 } } : {}),
            ...(nats.url ? { natsUrl: nats.url } : {}),
            ...(serviceCommand
              ? {
                serviceCommand: {
                  command: serviceCommand,
                  ...(parsed.flags["service-db"] ? { db: parsed.flags["service-db"] } : {}),
                },
              }
              : {}),
          }),
        );
      }
      progress.end();
      const { dir, result, baselineDirs } = await finishRuns(results, parsed.flags.out ?? "reports", extras);
      writeOut(renderSummary(result, dir));
      for (const b of baselineDirs) writeOut(`baseline saved: ${b}\n`);
      return exitCodeFor(result.verdict);
    } catch (error) {
      progress.end();
      if (error instanceof InfrastructureError) {
        writeErr(`busmark run: ${maskSecrets(error.message, nats.auth)}\n`);
        return ExitCode.Infrastructure;
      }
      throw error;
    } finally {
      removeHandler();
    }
  },
};
