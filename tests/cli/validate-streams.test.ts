import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { runCli } from "./capture.ts";

const VALID = fileURLToPath(new URL("../fixtures/scenarios/run/streams.yaml", import.meta.url));
const INVALID = fileURLToPath(new URL("../fixtures/scenarios/invalid/streams-with-load.yaml", import.meta.url));

describe("busmark validate on phases of streams", () => {
  it("passes a scenario whose phase has several streams, in both variants", async () => {
    const r = await runCli(["validate", VALID]);
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /streams\.yaml: ok — streams: 2 event types, 1 phase, 2s \(quick 1s\)/);
  });

  it("rejects `streams` beside `load` at its line and column, exit 2", async () => {
    const r = await runCli(["validate", INVALID]);
    assert.equal(r.code, 2);
    assert.match(r.out, /streams-with-load\.yaml:20:5: `streams` excludes `load` on the same phase/);
  });
});
