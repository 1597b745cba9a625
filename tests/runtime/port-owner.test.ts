import assert from "node:assert/strict";
import { createServer } from "node:net";
import process from "node:process";
import { describe, it } from "node:test";
import { freePort } from "../../src/runtime/nats-server.ts";
import { listeningInodes, portOwnerPid } from "../../src/runtime/port-owner.ts";

describe("portOwnerPid", () => {
  it("finds this process listening on a port, with or without a hint", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      assert.equal(listeningInodes(port).size, 1);
      assert.equal(portOwnerPid(port), process.pid);
      assert.equal(portOwnerPid(port, process.pid), process.pid);
      assert.equal(portOwnerPid(port, 1), process.pid, "a wrong hint is not believed");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("is undefined for a port nobody listens on", async () => {
    const port = await freePort();
    assert.equal(listeningInodes(port).size, 0);
    assert.equal(portOwnerPid(port), undefined);
  });
});
