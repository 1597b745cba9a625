/**
 * A run whose events never reached the service must not pass: payloads the NATS server would refuse are a scenario
 * problem before anything is sent (exit 2 at the event's line), events that could not be published fail an
 * implicit `publish.errors` check, and events the service rejected as invalid fail an implicit `events.invalid`.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { judge } from "../../src/aggregate/judge.ts";
import { fixture } from "../support/results.ts";
import { uniquePrefix } from "../support/scenario.ts";
import { runCli } from "../cli/capture.ts";

const root = mkdtempSync(join(tmpdir(), "busmark-unpublished-"));
after(() => rmSync(root, { recursive: true, force: true }));

function scenarioFile(name: string, message: string): string {
  const file = join(root, `${name}.yaml`);
  writeFileSync(
    file,
    [
      "version: 1",
      `name: ${name}`,
      "description: Large chat lines; nothing may be lost.",
      `service: { reference: { prefix: ${uniquePrefix()} } }`,
      "events:",
      `  chat: { subject: message.log, payload: { username: u, message: "${message}" } }`,
      "phases: [{ name: steady, kind: steady, duration: 1s, load: { concurrency: 1, thinkTime: 50ms } }]",
      "grace: 2s",
      'thresholds: { events.lost: "== 0" }',
      "",
    ].join("\n"),
  );
  return file;
}

describe("events that never reached the service", () => {
  it("payloads over the server's max_payload exit 2 at the event's line before anything is sent", async () => {
    const file = scenarioFile("oversized", "{{ text 600000 600000 }} {{ text 600000 600000 }}");
    const r = await runCli(["run", file, "--quiet", "--nats", "nats://127.0.0.1:4222", "--out", join(root, "r")]);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /oversized\.yaml:6:3: event `chat` can produce payloads of up to \d+ bytes, over the NATS/);
  });

  it("events the service rejects as invalid (over its own cap) fail the run, with the reason", async () => {
    const file = scenarioFile("over-cap", "{{ text 200000 200000 }}");
    const r = await runCli(["run", file, "--quiet", "--nats", "nats://127.0.0.1:4222", "--out", join(root, "r")]);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /events\.invalid .*FAIL \(\d+ events the scenario expects persisted were rejected as invalid/);
  });

  it("events that could not be published fail an implicit publish.errors check unless budgeted", () => {
    const r = fixture("single-event-latency");
    for (const c of r.counts) c.publishErrors = c.event === undefined && c.phase === undefined ? 5 : 0;
    const judged = judge(r);
    const check = judged.checks.find((c) => c.implicit && c.metric === "publish.errors");
    assert.ok(check, "an implicit publish.errors check");
    assert.equal(check.pass, false);
    assert.equal(check.observed, 5);
    assert.match(check.reason ?? "", /^5 events could not be published/);
    assert.equal(judged.verdict, "fail");
    const budgeted = judge(r, {
      thresholds: [{ ...r.scenario.normalized.thresholds[0]!, key: "publish.errors", metric: "publish.errors" }],
    });
    assert.equal(budgeted.checks.some((c) => c.implicit), false, "a threshold of its own replaces the implicit one");
  });
});
