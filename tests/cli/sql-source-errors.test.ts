import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { freePort } from "../../src/runtime/nats-server.ts";
import { runCli } from "./capture.ts";

const dir = mkdtempSync(join(tmpdir(), "busmark-sql-source-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A scenario whose one event is confirmed by `confirm`, against an external service nobody needs to run. */
function scenarioWith(name: string, confirm: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `version: 1
name: ${name}
description: an sql source busmark cannot use
service:
  external: { prefix: "t${name.replaceAll("-", "")}.db", ready: { delay: 0s } }
events:
  order:
    subject: { absolute: t${name.replaceAll("-", "")}.orders.created }
    payload: { ref: "{{ id }}" }
    confirm:
${confirm}
phases:
  - { name: steady, kind: steady, duration: 1s, load: { rate: 50 } }
grace: 1s
thresholds:
  events.lost: "== 0"
`,
  );
  return file;
}

describe("busmark run with an sql source it cannot use", () => {
  it("exits 3 naming the PostgreSQL URL with its password masked, before any load", async () => {
    const port = await freePort();
    const file = scenarioWith(
      "pg-refused",
      `      sql:\n        url: "postgres://app:s3cret@127.0.0.1:${port}/shop"\n` +
        `        query: "SELECT ref AS id, seq AS cursor FROM orders WHERE seq > :cursor"`,
    );
    const run = await runCli([
      "run",
      file,
      "--out",
      join(dir, "reports"),
      "--quiet",
      "--nats",
      "nats://127.0.0.1:4222",
    ]);
    assert.equal(run.code, 3, run.out + run.err);
    assert.match(run.err, new RegExp(`Cannot poll postgres://app:\\*\\*\\*@127\\.0\\.0\\.1:${port}/shop`));
    assert.ok(!(run.out + run.err).includes("s3cret"), "the password never shows");
  });

  it("exits 3 with a clear message when the query returns no `id` column", async () => {
    const db = join(dir, "shop.db");
    const { openDatabase } = await import("../../src/runtime/sqlite.ts");
    const handle = await openDatabase(db);
    handle.exec("CREATE TABLE orders (seq INTEGER PRIMARY KEY, ref TEXT)");
    handle.close();
    const file = scenarioWith(
      "no-id-column",
      `      sql:\n        url: "sqlite:${db}"\n` +
        `        query: "SELECT ref AS ident, seq AS cursor FROM orders WHERE seq > :cursor"`,
    );
    const run = await runCli([
      "run",
      file,
      "--out",
      join(dir, "reports"),
      "--quiet",
      "--nats",
      "nats://127.0.0.1:4222",
    ]);
    assert.equal(run.code, 3, run.out + run.err);
    assert.match(run.err, /the query returns no `id` column \(it returns: ident, cursor\)/);
  });
});
