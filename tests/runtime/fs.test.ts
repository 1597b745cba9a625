/**
 * The file-system helpers: errors carry the path, and making a directory a file system refuses fails instead of
 * looping (Node's recursive mkdirSync spins forever on `/proc/nope`).
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { checkWritableDir, FsError, makeDir, readText } from "../../src/runtime/fs.ts";
import { isDirectory } from "../../src/runtime/paths.ts";

const root = mkdtempSync(join(tmpdir(), "busmark-fs-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("makeDir and checkWritableDir", () => {
  it("makes nested directories, and is idempotent", () => {
    const dir = join(root, "a", "b", "c");
    makeDir(dir);
    makeDir(dir);
    assert.ok(isDirectory(dir));
  });

  it("fails on /proc/nope with the path instead of looping", { skip: !existsSync("/proc/self") && "no /proc" }, () => {
    assert.throws(() => makeDir("/proc/nope/deeper"), (e) => e instanceof FsError && e.path === "/proc/nope");
  });

  it("refuses a path that is a file", () => {
    const file = join(root, "file");
    writeFileSync(file, "");
    assert.throws(() => checkWritableDir(file), (e) => e instanceof FsError && /not a directory/.test(e.message));
  });

  it("leaves no probe file behind", () => {
    const dir = join(root, "reports");
    checkWritableDir(dir);
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe("errors name the path", () => {
  it("a symbolic-link loop is an FsError with ELOOP", () => {
    const loop = join(root, "loop.yaml");
    symlinkSync("loop.yaml", loop);
    assert.equal(isDirectory(loop), false);
    assert.throws(() => readText(loop), (e) => e instanceof FsError && e.code === "ELOOP" && e.path === loop);
  });
});
