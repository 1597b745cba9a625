import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { main } from "../../../src/cli/main.ts";
import { serviceCommand } from "../../../src/cli/commands/service.ts";
import { commands } from "../../../src/cli/commands/mod.ts";

describe("busmark service", () => {
  it("is registered and documented", async () => {
    assert.equal(await commands.find((c) => c.name === "service")?.load(), serviceCommand);
    assert.match(serviceCommand.usage, /^Usage: busmark service --db PATH/);
  });

  it("exits 2 on a bad command line, before touching NATS or a database", async () => {
    assert.equal(await main(["service", "--prefix", "x"]), 2);
    assert.equal(
      await serviceCommand.run(["--db", "x.db", "--batch-max", "-1"]).catch((e: Error) => e.name),
      "UsageError",
    );
  });
});
