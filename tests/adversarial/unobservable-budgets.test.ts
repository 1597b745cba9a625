/**
 * A budget on something the run cannot observe is an error before the run, at the threshold's line, never a pass:
 * also when `--service-command` replaces the scenario's service, and for `events.invalid` without commit notices.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runCli } from "../cli/capture.ts";

const root = mkdtempSync(join(tmpdir(), "busmark-unobservable-"));
after(() => rmSync(root, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(root, name);
  writeFileSync(file, text.replace("name: status-only", `name: ${name.replace(/\.yaml$/, "")}`));
  return file;
}

/** A scenario whose only budget is on `status.update` events, which a service's SQLite file cannot confirm. */
const STATUS_ONLY = [
  "version: 1",
  "name: status-only",
  "description: Status updates must all be stored.",
  "events:",
  '  chat: { subject: message.log, payload: { username: u, message: "{{ id }} hi" } }',
  "  status: { subject: status.update, payload: { status_data: { current_media_title: t } } }",
  "mix: { chat: 1, status: 1 }",
  "phases:",
  "  - { name: steady, kind: steady, duration: 2s, load: { rate: 300 } }",
  "thresholds:",
  '  "events.lost{event: status}": "== 0"',
  "",
].join("\n");

describe("unobservable budgets", () => {
  it("--service-command: a budget on events its SQLite file cannot confirm exits 2 at the threshold's line", async () => {
    const file = write("status-only.yaml", STATUS_ONLY);
    const r = await runCli(["run", file, "--service-command", "true", "--quiet"]);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /status-only\.yaml:11:3: with --service-command: `events\.lost\{event: status\}` can never/);
    assert.match(r.err, /event `status` cannot be confirmed from the service's SQLite file/);
  });

  it("--service-command: an overall budget that would pass on the confirmable events alone exits 2", async () => {
    const file = write("overall.yaml", STATUS_ONLY.replace('"events.lost{event: status}"', "events.lost"));
    const r = await runCli(["run", file, "--service-command", "true", "--quiet"]);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /overall\.yaml:11:3: .*`status` cannot be confirmed .* would pass on the others alone/);
  });

  it("the catalogue's mixed-events refuses --service-command (media, joined, left cannot be confirmed)", async () => {
    const r = await runCli(["run", "mixed-events", "--quick", "--service-command", "true", "--quiet"]);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /mixed-events\.yaml:\d+:\d+: with --service-command: .*`media`, `joined`, `left` cannot be/);
    assert.match(r.err, /and \d+ more problems? of this kind/, "at most a handful of problems of one kind are printed");
  });

  it("a command service without notices cannot have an events.invalid budget, at its line", async () => {
    const file = write(
      "invalid.yaml",
      STATUS_ONLY.replace("events:", "service: { command: { run: 'true', db: x.db, ready: { delay: 1s } } }\nevents:")
        .replace('"events.lost{event: status}": "== 0"', 'events.invalid: "== 0"'),
    );
    const r = await runCli(["validate", file]);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err + r.out, /invalid\.yaml:12:3: .*`events\.invalid` can never be measured here: .*publishes none/);
  });
});
