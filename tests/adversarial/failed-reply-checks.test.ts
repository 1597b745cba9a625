/**
 * Replies that fail their `expect:` checks fail the run: through an implicit `checks.failed{event: NAME} == 0` when
 * no threshold on `checks.*` covers the event, or through that threshold. End to end through the CLI, with the
 * reasons on the console and in report.md.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { judge } from "../../src/aggregate/judge.ts";
import { fixture } from "../support/results.ts";
import { uniquePrefix } from "../support/scenario.ts";
import { runCli } from "../cli/capture.ts";

const root = mkdtempSync(join(tmpdir(), "busmark-reply-checks-"));
after(() => rmSync(root, { recursive: true, force: true }));

function scenarioFile(name: string, expect: string, thresholds: string, extra: string[] = []): string {
  const file = join(root, `${name}.yaml`);
  writeFileSync(
    file,
    [
      "version: 1",
      `name: ${name}`,
      "description: Chat lines and recent_chat requests whose replies are checked.",
      `service: { reference: { prefix: ${uniquePrefix()} } }`,
      "events:",
      '  chat: { subject: message.log, payload: { username: u, message: "{{ id }}" } }',
      "  recent:",
      "    subject: stats.recent_chat.get",
      "    request: true",
      "    payload: { limit: 3 }",
      `    expect: ${expect}`,
      "mix: { chat: 3, recent: 1 }",
      "phases: [{ name: steady, kind: steady, duration: 1s, load: { concurrency: 2, thinkTime: 2ms } }]",
      "grace: 2s",
      `thresholds: ${thresholds}`,
      ...extra,
      "",
    ].join("\n"),
  );
  return file;
}

async function run(file: string) {
  const out = join(root, `out-${readdirSync(root).length}`);
  const r = await runCli(["run", file, "--nats", "nats://127.0.0.1:4222", "--out", out, "--max-lag", "2000"]);
  return { ...r, report: () => findReport(out) };
}

function findReport(dir: string): string {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name === "report.md") return readFileSync(join(entry.parentPath, entry.name), "utf8");
  }
  throw new Error(`no report.md under ${dir}`);
}

describe("replies that fail their checks", () => {
  it("fail the run through an implicit check naming the event, the reason shown", async () => {
    const file = scenarioFile(
      "wrong-length",
      '{ that: "length(/0/message) == 999", recent: { event: chat, limit: /limit, match: /message } }',
      '{ events.lost: "== 0" }',
    );
    const r = await run(file);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /checks\.failed\{event: recent\}\s+== 0\s+\d+\s+FAIL/);
    const report = r.report();
    assert.match(report, /- recent in phase steady: length\(\/0\/message\): expected 999 got \d+/);
  });

  it("pass when the replies are right, the recent window included", async () => {
    const file = scenarioFile(
      "right",
      '{ schema: { type: array, maxItems: 3 }, that: ["length <= 3"], recent: { event: chat, limit: /limit, match: /message } }',
      '{ events.lost: "== 0", "checks.passed.ratio{event: recent}": "== 100%" }',
    );
    const r = await run(file);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /checks\.passed\.ratio\{event: recent\}\s+== 100%\s+100\.00%\s+pass/);
  });

  it("are judged on the direct path too", async () => {
    const file = scenarioFile(
      "direct",
      '{ that: ["length <= 3"], recent: { event: chat, limit: /limit, match: /message } }',
      '{ "checks.passed.ratio{event: recent}": "== 100%", "checks.failed": "== 0" }',
      ["path: direct"],
    );
    const r = await run(file);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /checks\.passed\.ratio\{event: recent\}\s+== 100%\s+100\.00%\s+pass/);
    const wrong = scenarioFile("direct-wrong", '{ that: "length == 7" }', '{ events.lost: "== 0" }', ["path: direct"]);
    const w = await run(wrong);
    assert.equal(w.code, 1, w.out + w.err);
    assert.match(w.out, /checks\.failed\{event: recent\}\s+== 0\s+\d+\s+FAIL/);
  });

  it("a threshold on checks.* covering the event replaces the implicit check", () => {
    const r = fixture("single-event-latency");
    const event = r.scenario.normalized.events[0]!;
    event.expect = { status: "ok", that: [] };
    r.counts.push({ ...r.counts[0]!, event: event.name, checksPassed: 7, checksFailed: 3 });
    const implicit = judge(r).checks.filter((c) => c.implicit);
    assert.deepEqual(implicit.map((c) => [c.key, c.observed, c.pass]), [[
      `checks.failed{event: ${event.name}}`,
      3,
      false,
    ]]);
    assert.match(implicit[0]!.reason ?? "", /^3 replies to `chat` failed its `expect:` checks/);
    const ratio = {
      ...r.scenario.normalized.thresholds[0]!,
      key: "checks.passed.ratio",
      metric: "checks.passed.ratio",
    };
    assert.equal(judge(r, { thresholds: [ratio] }).checks.some((c) => c.implicit), false);
    const other = { ...ratio, selector: { event: "other" } };
    assert.equal(judge(r, { thresholds: [other] }).checks.some((c) => c.implicit), true, "another event's budget");
    event.expect = undefined;
    assert.equal(judge(r).checks.some((c) => c.implicit), false, "no expect: no implicit check");
  });
});
