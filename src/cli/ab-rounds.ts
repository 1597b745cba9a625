/**
 * The rounds of an A/B experiment, shared by `busmark ab` and by scenarios with an `ab:` block: each side is the
 * scenario with every phase on a path or with a service command in place of its service, and the sides run
 * A B A B … with the same seed, a fresh service each round, every round's report written under
 * `<out>/<scenario>/ab-<first run id>/<side>/<scenario>/<run-id>/`.
 * @module
 */
import { UsageError } from "../errors.ts";
import { writeRunReport } from "../report/write.ts";
import type { RunResult } from "../result/types.ts";
import { type RunOptions, runScenario } from "../run/runner.ts";
import { makeTempDir, moveDirContents, removePath } from "../runtime/fs.ts";
import { resolvePath } from "../runtime/paths.ts";
import { abSide } from "../scenario/normalize-ab.ts";
import type { PathKind, Scenario } from "../scenario/types.ts";
import { runOptionsFor, type RunRequest, scenarioForRequest } from "./run-request.ts";

/** The scenario with every phase on `path` (the scenario's own service; `direct` needs the reference service). */
export function onPath(scenario: Scenario, path: PathKind): Scenario {
  if (path === "direct" && scenario.service.kind !== "reference") {
    throw new UsageError("Cannot run `path:direct`: the direct path writes with the reference service's storage");
  }
  return { ...scenario, path, phases: scenario.phases.map(({ path: _, ...p }) => p) };
}

/** One side ready to run: the request and the scenario a round of it runs. */
export interface AbSidePlan {
  run: RunRequest;
  scenario: Scenario;
}

/** The plan of the side `text` names (`path:nats`, `path:direct`, or a service command) on `loaded`. */
export function planSide(request: RunRequest, loaded: Scenario, text: string): AbSidePlan {
  const side = abSide(text);
  if ("path" in side) return { run: request, scenario: onPath(loaded, side.path) };
  const run = { ...request, serviceCommand: { command: side.command } };
  return { run, scenario: scenarioForRequest(run, loaded) };
}

/** How rounds run: interruption, what each round announces, and (for tests) the interpreter itself. */
export interface RoundsIO {
  signal: AbortSignal;
  announce: (line: string) => void;
  run?: (opts: RunOptions) => Promise<RunResult>;
  /** What a round's run listens with (progress). */
  listener?: RunOptions["listener"];
}

/** Every round's result per side (in round order) and the experiment's directory (empty when none ran). */
export interface Rounds {
  results: Record<"a" | "b", RunResult[]>;
  dir: string;
}

/**
 * Runs `rounds` rounds A B A B … of the two sides with `seed`, stopping early when interrupted, and writes each
 * round's report (with the service's log, and its database when the request keeps service files) into the
 * experiment's directory under `request.out`.
 */
export async function runRounds(
  request: RunRequest,
  sides: Record<"a" | "b", AbSidePlan>,
  rounds: number,
  seed: number,
  io: RoundsIO,
): Promise<Rounds> {
  const results: Record<"a" | "b", RunResult[]> = { a: [], b: [] };
  const reportRoot = resolvePath(request.out);
  const staging = makeTempDir("busmark-kept-");
  let dir = "";
  try {
    for (let round = 1; round <= rounds && !io.signal.aborted; round++) {
      for (const name of ["a", "b"] as const) {
        if (io.signal.aborted) break;
        const s = sides[name];
        io.announce(`round ${round} of ${rounds}: ${name.toUpperCase()}\n`);
        const opts = {
          ...runOptionsFor({ ...s.run, seed }, s.scenario, { signal: io.signal, listener: io.listener }),
          seed,
        };
        opts.keepServiceFiles = {
          database: request.extras.keepServiceFiles === true,
          dirFor: (runId: string) => `${staging}/${runId}`,
        };
        const result = { ...await (io.run ?? runScenario)(opts), reportRoot };
        dir ||= `${request.out}/${s.scenario.name}/ab-${result.runId}`;
        const runDir = await writeRunReport(result, `${dir}/${name}`, { stepSummary: null });
        moveDirContents(`${staging}/${result.runId}`, runDir);
        results[name].push(result);
      }
    }
  } finally {
    removePath(staging);
  }
  return { results, dir };
}
