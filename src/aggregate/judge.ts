/**
 * The one judge of a result, single run or combined repeats alike: it applies the scenario's thresholds, the
 * implicit checks (see `implicit.ts`) and the generator's self-health rules once and sets the checks, the invalid reasons, the status and the verdict. Pure;
 * only the CLI turns the verdict into an exit code.
 * @module
 */
import type { RunResult, Verdict } from "../result/types.ts";
import type { Threshold } from "../scenario/types.ts";
import { evaluateThresholds } from "./checks.ts";
import { type HealthBounds, healthReasons } from "./health.ts";
import { implicitChecks } from "./implicit.ts";

/** Options of {@link judge}. */
export interface JudgeOptions {
  /** The thresholds to apply (default: the scenario's, from the result's normalized scenario). */
  thresholds?: readonly Threshold[];
  /** Self-health bounds (see `health.ts`). */
  health?: HealthBounds | undefined;
}

/**
 * The verdict of a result: `interrupted` when the run was interrupted, `invalid` when it could not offer its load
 * (status `invalid` or any invalid reason), `fail` when any check failed or an abortOnFail threshold aborted it,
 * else `pass`.
 */
export function verdictOf(result: Pick<RunResult, "status" | "invalidReasons" | "checks">): Verdict {
  if (result.status === "interrupted") return "interrupted";
  if (result.status === "invalid" || result.invalidReasons.length > 0) return "invalid";
  if (result.status === "aborted" || result.checks.some((c) => !c.pass)) return "fail";
  return "pass";
}

/**
 * Judges a result: the reasons it already carries (a combined view keeps each run's) plus those of the self-health
 * rules on its figures, the threshold checks, the status (`completed` becomes `invalid` when a reason exists) and
 * the verdict. Returns a new result; the input is not changed.
 */
export function judge(result: RunResult, opts: JudgeOptions = {}): RunResult {
  const invalidReasons = [...result.invalidReasons];
  for (const reason of healthReasons(result, opts.health)) {
    if (!invalidReasons.includes(reason)) invalidReasons.push(reason);
  }
  const status = result.status === "completed" && invalidReasons.length > 0 ? "invalid" : result.status;
  const thresholds = opts.thresholds ?? result.scenario.normalized.thresholds;
  const checks = [...evaluateThresholds(thresholds, result), ...implicitChecks(result, thresholds)];
  const judged: RunResult = { ...result, status, invalidReasons, checks };
  judged.verdict = verdictOf(judged);
  return judged;
}
