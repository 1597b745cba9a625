/**
 * Every rosey.db event type confirmed for another implementation of the contract that publishes no commit notices
 * (tests/fixtures/services/foreign-rosey.ts): each of the seven event types is confirmed by an SQL query on the extra
 * append-only table `applied(seq, bm_id, subject)` the service writes in the same transaction as the event's effect
 * (five of the seven update rows in place, so no column of the contract's own tables can hold every event's id).
 * Driven through the CLI on the shared NATS server with a unique prefix; the database is kept to check the rows.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { RunResult } from "../../src/result/types.ts";
import { tsEntryArgv } from "../../src/runtime/spawn.ts";
import { openDatabase } from "../../src/runtime/sqlite.ts";
import { runCli } from "../cli/capture.ts";

const NATS = "nats://127.0.0.1:4222";
const entry = fileURLToPath(new URL("../fixtures/services/foreign-rosey.ts", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "busmark-foreign-rosey-"));
after(() => rmSync(root, { recursive: true, force: true }));

/** The seven contract event types: the scenario's name, the subject under the prefix, a valid payload. */
const EVENTS: [name: string, subject: string, payload: string][] = [
  ["joined", "user.joined", '{ username: "{{ pool users }}" }'],
  ["left", "user.left", '{ username: "{{ pool users }}" }'],
  ["chat", "message.log", '{ username: "{{ pool users }}", message: "{{ id }} {{ text 10 60 }}" }'],
  ["count", "stats.user_count", '{ chat_count: "{{ int 0 50 }}", connected_count: "{{ int 0 80 }}" }'],
  ["high", "stats.high_water", '{ chat_count: "{{ int 0 50 }}", connected_count: "{{ int 0 80 }}" }'],
  ["status", "status.update", '{ status_data: { current_media_title: "{{ text 5 30 }}", current_chat_users: 3 } }'],
  ["sent", "messages.outbound.mark_sent", '{ message_id: "{{ int 1 1000 }}" }'],
];

let runs = 0;

/** Runs the seven-type scenario against the fixture (with `flags`); returns the result and the kept database path. */
async function runForeign(flags = ""): Promise<{ code: number; out: string; result: RunResult; db: string }> {
  const n = ++runs;
  const prefix = `t${process.pid}x${Date.now().toString(36)}x${n}.rosey.db`;
  const db = join(root, `foreign-${n}.db`);
  const run = `${tsEntryArgv(entry).join(" ")} --nats {nats} --db {db} --prefix {prefix} ${flags}`;
  const lines = [
    "version: 1",
    `name: foreign-${n}`,
    "description: All seven contract event types, confirmed from the applied table.",
    "service:",
    "  command:",
    `    run: ${JSON.stringify(run)}`,
    `    prefix: ${prefix}`,
    `    db: ${JSON.stringify(db)}`,
    "    ready: { subscription: message.log }",
    "pools:",
    "  users: { prefix: viewer, size: 20 }",
    "events:",
    ...EVENTS.flatMap(([name, subject, payload]) => [
      `  ${name}:`,
      `    subject: ${subject}`,
      `    payload: ${payload}`,
      "    confirm:",
      "      sql:",
      '        url: "sqlite:{db}"',
      `        query: "SELECT bm_id AS id, seq AS cursor FROM applied WHERE seq > :cursor AND subject = '${prefix}.${subject}' ORDER BY seq"`,
      "        every: 20ms",
    ]),
    `mix: { ${EVENTS.map(([name]) => `${name}: 1`).join(", ")} }`,
    "phases:",
    "  - { name: steady, kind: steady, duration: 2s, load: { rate: 350 } }",
    "grace: 1s",
    "thresholds:",
    ...EVENTS.map(([name]) => `  "events.lost{event: ${name}}": "== 0"`),
    '  events.duplicated: "== 0"',
    "",
  ];
  const file = join(root, `foreign-${n}.yaml`);
  writeFileSync(file, lines.join("\n"));
  const r = await runCli(["run", file, "--out", join(root, "reports"), "--quiet", "--nats", NATS, "--max-lag", "2000"]);
  const dir = r.out.match(/report: (\S+)/)?.[1];
  assert.ok(dir, `a report was written (exit ${r.code}): ${r.out}${r.err}`);
  const result = JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as RunResult;
  return { code: r.code, out: r.out + r.err, result, db };
}

function countsOf(result: RunResult, event: string) {
  const c = result.counts.find((x) => x.event === event && x.phase === undefined);
  assert.ok(c, `counts of ${event} exist`);
  return c;
}

describe("a foreign rosey.db service that publishes no notices", () => {
  it("has every one of the seven event types confirmed from its applied table", async () => {
    const { code, out, result, db } = await runForeign();
    assert.equal(code, 0, out);
    for (const [name] of EVENTS) {
      const c = countsOf(result, name);
      assert.ok(c.published >= 50, `${name}: published ${c.published}`);
      assert.equal(c.persisted, c.published, `${name}: every event persisted`);
      assert.equal(c.lost, 0);
      const check = result.checks.find((x) => x.key === `events.lost{event: ${name}}`);
      assert.equal(check?.pass, true, `${name}: its budget passed`);
    }
    // The rows are really there: one applied row per event, written by the other service, and each chat line's text
    // (recent_chat.message, a field the contract stores anyway) carries its id as well.
    const sqlite = await openDatabase(db);
    try {
      for (const [name, subject] of EVENTS) {
        const row = sqlite.prepare("SELECT COUNT(*) AS n FROM applied WHERE subject LIKE ? AND bm_id LIKE ?")
          .get(`%.${subject}`, `${result.runId}.%`);
        assert.equal(Number(row?.n), countsOf(result, name).published, `${name}: applied rows`);
      }
      const chat = sqlite.prepare("SELECT COUNT(*) AS n FROM recent_chat WHERE message LIKE ?").get(
        `${result.runId}.%`,
      );
      assert.equal(Number(chat?.n), countsOf(result, "chat").published);
    } finally {
      sqlite.close();
    }
  });

  it("fails the budget of exactly the type whose applied rows are missing", async () => {
    const { code, out, result } = await runForeign("--skip-applied status.update");
    assert.equal(code, 1, out);
    for (const [name] of EVENTS) {
      const check = result.checks.find((x) => x.key === `events.lost{event: ${name}}`);
      const c = countsOf(result, name);
      if (name === "status") {
        assert.equal(check?.pass, false);
        assert.equal(c.lost, c.published, "no status event was confirmed");
      } else {
        assert.equal(check?.pass, true, `${name} is unaffected`);
      }
    }
  });
});
