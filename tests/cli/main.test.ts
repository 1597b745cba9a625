/**
 * The top level of the CLI: the overview, `busmark help <command>`, `--version` and unknown commands.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { commands } from "../../src/cli/commands/mod.ts";
import { runCli } from "./capture.ts";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

describe("busmark (no command)", () => {
  it("prints the package's version for --version, -V and version", async () => {
    for (const flag of ["--version", "-V", "version"]) {
      assert.deepEqual(await runCli([flag]), { code: 0, out: `busmark ${pkg.version}\n`, err: "" }, flag);
    }
  });

  it("loads each command from its entry only when asked for, under the entry's name", async () => {
    for (const entry of commands) assert.equal((await entry.load()).name, entry.name);
  });

  it("prints a command's --help for `help <command>`, for every command", async () => {
    for (const c of commands) {
      const help = await runCli(["help", c.name]);
      assert.equal(help.code, 0, c.name);
      assert.equal(help.out, (await runCli([c.name, "--help"])).out, c.name);
      assert.match(help.out, /^Usage: busmark /, c.name);
    }
  });

  it("prints the overview for `help` and --help, and exits 2 without a command", async () => {
    const overview = await runCli(["help"]);
    assert.equal(overview.code, 0);
    assert.match(overview.out, /^ {2}init +Scaffold /m);
    assert.match(overview.out, /busmark help <command>/);
    assert.equal((await runCli(["--help"])).out, overview.out);
    assert.equal((await runCli([])).code, 2);
  });

  it("exits 2 on an unknown command, suggesting the nearest one", async () => {
    for (const argv of [["lst"], ["help", "lst"]]) {
      const r = await runCli(argv);
      assert.equal(r.code, 2, argv.join(" "));
      assert.match(r.err, /^busmark: unknown command `lst` — did you mean `list`\?/, argv.join(" "));
    }
  });
});
