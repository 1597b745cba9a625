/**
 * `junit.xml`: one `<testsuite>` per scenario run, one `<testcase>` per threshold condition (a failure carries the
 * observed value against the condition), plus a `run` test case that errors when the run was invalid or
 * interrupted, so a CI that only reads JUnit still sees it. Observed values are rounded for people (`5.62 ms`; the
 * exact figure stays in result.json), a passing check's in its `<system-out>`. A pure function of the results.
 * @module
 */
import type { RunResult, ThresholdCheck } from "../result/types.ts";
import { PLAIN_REPORT_UNITS } from "../format/units.ts";
import { formatObserved, type ObservedCheck } from "../format/growth.ts";
import { ExitCode } from "../exit-codes.ts";

/** Escapes text for XML character data and attribute values (also drops characters XML 1.0 forbids). */
export function escapeXml(text: string): string {
  return text
    // deno-lint-ignore no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join("");
}

/** The selector as `{event: chat, phase: steady}` (empty braces for the aggregate). */
function selectorText(c: ThresholdCheck): string {
  const parts = Object.entries(c.selector).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`);
  return `{${parts.join(", ")}}`;
}

/** A check's observed value rounded for people, e.g. `5.62 ms` (`no data` when there was none). */
export function observedText(c: ObservedCheck): string {
  return formatObserved(c, PLAIN_REPORT_UNITS);
}

/** The body of a failed check: metric, selector, condition, observed vs expected, reason. */
export function failureText(c: ThresholdCheck): string {
  const lines = [
    `metric: ${c.metric}`,
    `selector: ${selectorText(c)}`,
    `expected: ${c.condition}`,
    `observed: ${observedText(c)}`,
  ];
  if (c.samples) lines.push(`samples beyond the observed value: ${c.samples.beyond} of ${c.samples.total}`);
  if (c.resolutionReason) lines.push(`resolution: insufficient, ${c.resolutionReason}`);
  if (c.reason) lines.push(`reason: ${c.reason}`);
  if (c.abortOnFail) lines.push("abortOnFail: the run stops when this fails");
  return lines.join("\n");
}

function checkCase(c: ThresholdCheck, classname: string): string {
  const open = `    <testcase${attrs({ classname, name: `${c.key}: ${c.condition}`, time: 0 })}`;
  if (c.pass) {
    if (c.observed === null) return `${open}/>`;
    const unsure = c.resolutionReason ? `; resolution insufficient: ${c.resolutionReason}` : "";
    const beyond = c.samples ? ` (${c.samples.beyond} of ${c.samples.total} samples beyond)` : "";
    return [
      `${open}>`,
      `      <system-out>observed ${escapeXml(`${observedText(c)}${beyond}${unsure}`)}</system-out>`,
      "    </testcase>",
    ].join("\n");
  }
  const message = c.observed === null
    ? `${c.condition}: ${c.reason ?? "no data"}`
    : `observed ${observedText(c)}, expected ${c.condition}`;
  return [
    `${open}>`,
    `      <failure${attrs({ message, type: "threshold" })}>${escapeXml(failureText(c))}</failure>`,
    "    </testcase>",
  ].join("\n");
}

/** The `run` test case: passes for a completed run, errors when it was invalid or interrupted. */
function runCase(r: RunResult, classname: string): { xml: string; failures: number; errors: number } {
  const open = `    <testcase${
    attrs({ classname, name: "run completed and offered its load", time: r.durationMs / 1000 })
  }`;
  const body = (tag: "failure" | "error", type: string, message: string, text: string) => ({
    xml: [`${open}>`, `      <${tag}${attrs({ message, type })}>${escapeXml(text)}</${tag}>`, "    </testcase>"].join(
      "\n",
    ),
    failures: tag === "failure" ? 1 : 0,
    errors: tag === "error" ? 1 : 0,
  });
  if (r.status === "invalid" || r.invalidReasons.length > 0) {
    const reasons = r.invalidReasons.length > 0 ? r.invalidReasons : ["the run is marked invalid"];
    const message = `invalid run (exit ${ExitCode.InvalidRun}, busmark could not drive the load): ${reasons[0]}`;
    return body("error", "invalid-run", message, reasons.join("\n"));
  }
  if (r.status === "interrupted") {
    const unsettled = r.counts.find((c) => c.event === undefined && c.phase === undefined)?.unsettled ?? 0;
    const inFlight = unsettled > 0
      ? `; ${unsettled} events still in flight, unsettled (neither confirmed nor lost)`
      : "";
    return body("error", "interrupted", "the run was interrupted", `interrupted by a signal${inFlight}`);
  }
  if (r.status === "aborted") {
    return body(
      "failure",
      "aborted",
      "an abortOnFail threshold stopped the run",
      "stopped early by an abortOnFail threshold",
    );
  }
  return { xml: `${open}/>`, failures: 0, errors: 0 };
}

/** One `<testsuite>` for a run. */
function suite(r: RunResult, name: string): { xml: string; tests: number; failures: number; errors: number } {
  const classname = `busmark.${r.scenario.name}`;
  const run = runCase(r, classname);
  const cases = [run.xml, ...r.checks.map((c) => checkCase(c, classname))];
  const failures = run.failures + r.checks.filter((c) => !c.pass).length;
  const props: [string, string][] = [
    ["runId", r.runId],
    ["verdict", r.verdict],
    ["status", r.status],
    ["quick", String(r.scenario.quick)],
    ["seed", String(r.scenario.seed)],
    ["runtime", `${r.environment.runtime} ${r.environment.runtimeVersion}`],
  ];
  const xml = [
    `  <testsuite${
      attrs({
        name,
        tests: cases.length,
        failures,
        errors: run.errors,
        skipped: 0,
        time: r.durationMs / 1000,
        timestamp: r.startedAt.slice(0, 19),
        hostname: r.environment.hostname ?? "localhost",
      })
    }>`,
    "    <properties>",
    ...props.map(([k, v]) => `      <property${attrs({ name: k, value: v })}/>`),
    "    </properties>",
    ...cases,
    "  </testsuite>",
  ].join("\n");
  return { xml, tests: cases.length, failures, errors: run.errors };
}

/**
 * Renders `junit.xml` for one or more runs: one test suite per run, named after its scenario (with the run id when
 * the same scenario appears more than once).
 */
export function renderJunit(results: RunResult | readonly RunResult[]): string {
  const list: readonly RunResult[] = Array.isArray(results) ? results : [results as RunResult];
  const names = list.map((r) => r.scenario.name);
  const suites = list.map((r) =>
    suite(
      r,
      names.filter((n) => n === r.scenario.name).length > 1 ? `${r.scenario.name} (${r.runId})` : r.scenario.name,
    )
  );
  const total = (k: "tests" | "failures" | "errors") => suites.reduce((s, x) => s + x[k], 0);
  const time = list.reduce((s, r) => s + r.durationMs / 1000, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${
      attrs({ name: "busmark", tests: total("tests"), failures: total("failures"), errors: total("errors"), time })
    }>`,
    ...suites.map((s) => s.xml),
    "</testsuites>",
    "",
  ].join("\n");
}
