/**
 * Thresholds that cannot judge a run (always true, or never satisfiable for their metric's range) are rejected by
 * `busmark validate` at their line and column, so a 100 % loss can never pass on them.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runCli } from "../cli/capture.ts";

const root = mkdtempSync(join(tmpdir(), "busmark-vacuous-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("vacuous thresholds", () => {
  it("each is an error at the position of its bound", async () => {
    const file = join(root, "vacuous.yaml");
    writeFileSync(
      file,
      [
        "version: 1",
        "name: vacuous",
        "description: Budgets that cannot fail or cannot pass.",
        "events: { chat: { subject: message.log, payload: { username: u, message: hi } } }",
        "phases: [{ name: steady, kind: steady, duration: 1s, load: { rate: 10 } }]",
        "thresholds:",
        '  events.lost: "<= 1e400"',
        '  events.lost.ratio: "< 200%"',
        '  throughput.achieved.ratio: ">= -5%"',
        '  latency.persisted: "p95 < -1ms"',
        "",
      ].join("\n"),
    );
    const r = await runCli(["validate", file]);
    assert.equal(r.code, 2, r.out + r.err);
    const text = r.err + r.out;
    assert.match(text, /vacuous\.yaml:7:20: `<= 1e400` cannot judge a run: the bound is not a finite number/);
    assert.match(text, /vacuous\.yaml:8:25: `< 200%` cannot judge a run: it can never fail/);
    assert.match(text, /vacuous\.yaml:9:34: `>= -5%` cannot judge a run: it can never fail/);
    assert.match(text, /vacuous\.yaml:10:29: `p95 < -1ms` cannot judge a run: it can never pass/);
  });
});
