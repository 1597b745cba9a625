/**
 * How a module of this package names another of its own modules, from the sources and from the compiled dist/.
 */
import assert from "node:assert/strict";
import process from "node:process";
import { describe, it } from "node:test";
import { ownModuleUrl } from "../../src/runtime/paths.ts";
import { tsEntryArgv } from "../../src/runtime/spawn.ts";

describe("ownModuleUrl", () => {
  it("names the .ts module from a source module, the compiled .js one from dist/", () => {
    assert.equal(
      ownModuleUrl("./sql-poll-worker.ts", "file:///p/src/run/engines/sql-confirm.ts").href,
      "file:///p/src/run/engines/sql-poll-worker.ts",
    );
    assert.equal(
      ownModuleUrl("../service/main.ts", "file:///p/dist/run/service-setup.js").href,
      "file:///p/dist/service/main.js",
    );
    assert.equal(
      ownModuleUrl("./client.js", "file:///p/dist/report/html/assets.js").href,
      "file:///p/dist/report/html/client.js",
    );
  });
});

describe("tsEntryArgv", { skip: "Deno" in globalThis && "Deno runs every entry with `deno run -A`" }, () => {
  it("runs a compiled entry with node alone and a TypeScript one through tsx", () => {
    assert.deepEqual(tsEntryArgv("/p/dist/service/main.js"), [process.execPath, "/p/dist/service/main.js"]);
    assert.deepEqual(tsEntryArgv("/p/src/service/main.ts").slice(1, 2), ["--import"]);
  });
});
