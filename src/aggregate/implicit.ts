/**
 * Implicit checks: premises every budget of a scenario takes for granted, checked on every run. Budgets on loss and
 * latency presume that the events were published and accepted; a run whose events could not be published (e.g. over
 * the server's `max_payload`) or were rejected as invalid by the service must not pass on the few that remained.
 * A scenario that expects either says so with its own threshold on the metric, which then replaces the implicit one.
 * A run in which a confirmation source confirmed none of the events it was to confirm fails the `confirmation`
 * check (no silent zeros; a scenario cannot budget that away). Only failing implicit checks are added, each with
 * the reason.
 * @module
 */
import { findCounts } from "../result/find.ts";
import type { ResultConfirmation, RunResult, ThresholdCheck } from "../result/types.ts";
import type { Threshold } from "../scenario/types.ts";

function implicitCheck(metric: string, observed: number, reason: string): ThresholdCheck {
  return {
    key: metric,
    metric,
    selector: {},
    condition: "== 0",
    observed,
    unit: "",
    pass: false,
    abortOnFail: false,
    reason,
    implicit: true,
  };
}

/** The failing implicit checks of a result (none when every premise held or the scenario budgets it itself). */
export function implicitChecks(result: RunResult, thresholds: readonly Threshold[]): ThresholdCheck[] {
  const budgeted = new Set(thresholds.map((t) => t.metric));
  const out: ThresholdCheck[] = [];
  const overall = findCounts(result, {});
  const publishErrors = overall?.publishErrors ?? 0;
  if (!budgeted.has("publish.errors") && publishErrors > 0) {
    out.push(implicitCheck(
      "publish.errors",
      publishErrors,
      `${publishErrors} events could not be published, so the service never saw them and every other budget ` +
        "judged only the rest (add a `publish.errors` threshold if some are expected)",
    ));
  }
  // Invalid events are known only from commit notices; of the event types the scenario expects to be persisted.
  const notices = result.service.confirm === "notices" || result.confirmation?.some((c) => c.kind === "notices");
  if (!budgeted.has("events.invalid") && notices) {
    const persisted = result.scenario.normalized.events.filter((e) => e.persisted).map((e) => e.name);
    const invalid = persisted.reduce((sum, event) => sum + (findCounts(result, { event })?.invalid ?? 0), 0);
    if (invalid > 0) {
      out.push(implicitCheck(
        "events.invalid",
        invalid,
        `${invalid} events the scenario expects persisted were rejected as invalid by the service, and loss ` +
          "budgets do not count them (add an `events.invalid` threshold if some are expected)",
      ));
    }
  }
  out.push(...replyCheckFailures(result, thresholds));
  out.push(...confirmationChecks(result));
  return out;
}

/** What a source of each kind reads, for the diagnostic. */
const READS: Readonly<Record<ResultConfirmation["kind"], string>> = {
  notices: "commit notices",
  subject: "messages",
  sql: "rows",
  reply: "replies",
  none: "messages",
};

/**
 * No silent zeros: a source whose events were published over the bus but that confirmed none of them fails the
 * run with what it saw, rather than leaving a quiet `lost N`. Not for an interrupted run, whose events are
 * unsettled rather than lost.
 */
export function confirmationChecks(result: Pick<RunResult, "status" | "confirmation">): ThresholdCheck[] {
  if (result.status === "interrupted") return [];
  const out: ThresholdCheck[] = [];
  for (const entry of result.confirmation ?? []) {
    const o = entry.observed;
    if (o === undefined || o.published === 0 || o.persisted > 0) continue;
    const what = READS[entry.kind];
    const s = o.sightings;
    const saw = s === undefined
      ? "it reported nothing about what it saw"
      : s.seen === 0
      ? `it saw no ${what}`
      : `it saw ${s.seen} ${what}, ${s.matched === 0 ? "none" : s.matched} carrying this run's ids of these events`;
    const error = s?.error !== undefined ? `; the last error: ${s.error}` : "";
    out.push({
      key: "confirmation",
      metric: "events.persisted",
      selector: {},
      condition: "> 0",
      observed: 0,
      unit: "",
      pass: false,
      abortOnFail: false,
      reason: `no confirmation from ${entry.source} for ${o.published} published events ` +
        `(${entry.events.join(", ")}): ${saw}${error}`,
      implicit: true,
    });
  }
  return out;
}

/**
 * Per request event with `expect:` whose replies failed, `checks.failed{event: NAME} == 0`, unless a threshold on
 * `checks.*` covers that event (names it, or names no event).
 */
function replyCheckFailures(result: RunResult, thresholds: readonly Threshold[]): ThresholdCheck[] {
  const covered = (event: string) =>
    thresholds.some((t) => t.metric.startsWith("checks.") && (t.selector.event ?? event) === event);
  return result.scenario.normalized.events.flatMap((e) => {
    const failed = e.expect ? findCounts(result, { event: e.name })?.checksFailed ?? 0 : 0;
    if (failed === 0 || covered(e.name)) return [];
    const check = implicitCheck(
      "checks.failed",
      failed,
      `${failed} replies to \`${e.name}\` failed its \`expect:\` checks (add a \`checks.failed\` or ` +
        "`checks.passed.ratio` threshold if some may)",
    );
    return [{ ...check, key: `checks.failed{event: ${e.name}}`, selector: { event: e.name } }];
  });
}
