/**
 * The report's reply-check section: per request event with `expect:`, how many replies passed and failed, and the
 * first failing replies with the reason each failed.
 * @module
 */
import type { RunResult } from "../result/types.ts";
import { formatPercent } from "../format/units.ts";
import { code, escapeMd, mdTable } from "../format/markdown-table.ts";

/** The section's body, or empty when no event of the run has `expect:`. */
export function replyChecksSection(result: RunResult): string {
  const checked = result.scenario.normalized.events.filter((e) => e.expect).map((e) => e.name);
  if (checked.length === 0) return "";
  const rows = checked.map((event) => {
    const c = result.counts.find((x) => x.event === event && x.phase === undefined);
    const passed = c?.checksPassed ?? 0;
    const failed = c?.checksFailed ?? 0;
    const total = passed + failed;
    return [
      escapeMd(event),
      String(total),
      String(passed),
      String(failed),
      total > 0 ? formatPercent((passed / total) * 100) : "–",
    ];
  });
  const parts = [mdTable(["event (measured phases)", "replies checked", "passed", "failed", "passed %"], rows)];
  const failures = result.replyFailures ?? [];
  if (failures.length > 0) {
    parts.push(
      "",
      `First ${failures.length === 1 ? "failing reply" : `${failures.length} failing replies`}:`,
      "",
      ...failures.map((f) =>
        `- ${escapeMd(f.event)} in phase ${escapeMd(f.phase)}: ${escapeMd(f.reason)}  \n  reply: ${code(f.reply)}`
      ),
    );
  }
  return parts.join("\n");
}
