/**
 * `recent-chat-correctness` end to end (quick variant, private nats-server): the reference service passes it; the
 * small independent fixture passes it too, and fails it by its reply check alone once `--chat-order second` makes
 * `stats.recent_chat.get` order by whole-second timestamps (the team's real bug). Every other budget still passes
 * then, so the failure is the reply check's. Against the fixture the latency budgets are left out: its database is
 * polled every 10 ms on a machine other suites share, and speed is what the latency scenarios prove, not this one.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { renderReportMarkdown } from "../../src/report/markdown.ts";
import { validateResult } from "../../src/result/validate.ts";
import { tsEntryArgv } from "../../src/runtime/spawn.ts";
import { catalogueScenario, overallCounts, runOnPrivateNats } from "./support.ts";

const plainEntry = fileURLToPath(new URL("../fixtures/services/plain-service.ts", import.meta.url));
const plain = (flags: string) => ({
  serviceCommand: {
    command: `${tsEntryArgv(plainEntry).join(" ")} --nats {nats} --db {db} --prefix {prefix} ${flags}`,
    db: "{tmp}/plain.db",
  },
});
const CHECKS = ["checks.failed{event: recent}", "checks.passed.ratio{event: recent}"];

/** The quick variant without its latency budgets. */
function withoutLatency() {
  const s = catalogueScenario("recent-chat-correctness");
  const thresholds = s.thresholds.filter((t) => !t.metric.startsWith("latency."));
  assert.equal(s.thresholds.length - thresholds.length, 2, "the request and the persisted latency budgets");
  return { ...s, thresholds };
}

describe("recent-chat-correctness", () => {
  it("passes the reference service: every reply is the newest window of what was sent", async () => {
    const result = await runOnPrivateNats(catalogueScenario("recent-chat-correctness"));
    assert.equal(result.status, "completed", result.invalidReasons.join("; "));
    assert.deepEqual(result.checks.filter((c) => !c.pass).map((c) => `${c.key}: ${c.condition}`), []);
    assert.equal(result.verdict, "pass");
    const recent = result.counts.find((c) => c.event === "recent" && c.phase === undefined)!;
    assert.ok((recent.checksPassed ?? 0) >= 100, `checked ${recent.checksPassed}`);
    assert.equal(recent.checksFailed, 0);
    assert.equal(result.replyFailures, undefined);
    assert.deepEqual(validateResult(result), []);
  });

  it("passes the independent fixture service, confirmed from its database", async () => {
    const result = await runOnPrivateNats(withoutLatency(), plain("--chat-order id"));
    assert.equal(result.service.confirm, "sqlite");
    assert.deepEqual(result.checks.filter((c) => !c.pass).map((c) => `${c.key}: ${c.condition}`), []);
    assert.equal(overallCounts(result).checksFailed, 0);
  });

  it("fails the fixture that orders recent_chat by whole seconds, by its reply check alone", async () => {
    const result = await runOnPrivateNats(withoutLatency(), plain("--chat-order second"));
    assert.equal(result.status, "completed", result.invalidReasons.join("; "));
    assert.equal(result.verdict, "fail");
    const failed = result.checks.filter((c) => !c.pass);
    assert.deepEqual(failed.map((c) => c.key), CHECKS, failed.map((c) => `${c.key} ${c.observed}`).join(", "));
    const c = overallCounts(result);
    assert.ok((c.checksFailed ?? 0) > (c.checksPassed ?? 0), JSON.stringify(c));
    const failures = result.replyFailures ?? [];
    assert.equal(failures.length, 5, JSON.stringify(c));
    for (const f of failures) {
      assert.equal(f.event, "recent");
      assert.match(f.reason, /^recent: \[.*\] is not the newest \d+ chat \/message sent, oldest first \(expected \[/);
      assert.ok(f.reply.length <= 300);
    }
    assert.deepEqual(validateResult(result), []);
    const report = renderReportMarkdown(result);
    assert.match(report, /## Reply checks\n\n\| event \(measured phases\) \| replies checked \| passed \| failed/);
    assert.ok(report.includes("First 5 failing replies:"));
  });
});
