/**
 * A repeat directory (`busmark run --repeat N`): its id and its manifest `repeat.json`, which lists the runs and
 * where their reports are.
 * @module
 */
import type { RunResult, RunStatus } from "./types.ts";

/** `repeat.json`: the runs of a repeat and where their reports are (relative to the repeat directory). */
export interface RepeatManifest {
  kind: "busmark-repeat";
  schemaVersion: 1;
  scenario: string;
  repeatId: string;
  /** The combined result's file, relative to the repeat directory. */
  combined: string;
  runs: { runId: string; dir: string; status: RunStatus; verdict: RunResult["verdict"] }[];
}

/** True when a parsed JSON value is a repeat manifest. */
export function isRepeatManifest(value: unknown): value is RepeatManifest {
  const v = value as Partial<RepeatManifest> | null;
  return typeof v === "object" && v !== null && v.kind === "busmark-repeat" && Array.isArray(v.runs);
}

/** The id of a repeat: the first run's id with `-xN`, e.g. `20261126T180102Z-3fa9-x5`. */
export function repeatIdOf(runs: readonly RunResult[]): string {
  return `${runs[0]?.runId ?? "repeat"}-x${runs.length}`;
}

/** The manifest of a repeat whose runs' reports are in `runs/<runId>/` under the repeat directory. */
export function repeatManifest(runs: readonly RunResult[], repeatId = repeatIdOf(runs)): RepeatManifest {
  return {
    kind: "busmark-repeat",
    schemaVersion: 1,
    scenario: runs[0]?.scenario.name ?? "",
    repeatId,
    combined: "result.json",
    runs: runs.map((r) => ({ runId: r.runId, dir: `runs/${r.runId}`, status: r.status, verdict: r.verdict })),
  };
}
