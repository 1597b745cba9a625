import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as nats from "../../src/nats/mod.ts";

describe("src/nats/mod.ts", () => {
  it("exports the connection API", () => {
    for (
      const name of [
        "connectNats",
        "connectionOptions",
        "parseNatsFlags",
        "maskUrl",
        "maskSecrets",
        "resolveTarget",
        "natsServerPid",
      ]
    ) {
      assert.equal(typeof (nats as Record<string, unknown>)[name], "function", name);
    }
    assert.equal(nats.DEFAULT_NATS_URL, "nats://127.0.0.1:4222");
    assert.equal(typeof nats.NATS_FLAG_USAGE, "string");
  });
});
