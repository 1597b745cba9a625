/**
 * When `bin/busmark.js` trusts `dist/`: only while the stamp the build wrote still names the sources' newest time
 * and file count. Checked on a made-up package root in a temporary directory, never on this checkout's tree.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { COMPILED_ENTRY, compiledEntry, sourceStamp, STAMP_FILE } from "../../bin/build-stamp.js";

/** A package root with src/a.ts and src/cli/b.ts dated `t` (s), and a dist/ with its entry; no stamp yet. */
function fakeRoot(t: number): string {
  const root = mkdtempSync(join(tmpdir(), "busmark-stamp-"));
  for (const file of ["src/a.ts", "src/cli/b.ts", COMPILED_ENTRY]) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), "");
    utimesSync(join(root, file), t, t);
  }
  return root;
}

describe("bin/build-stamp.js", () => {
  const roots: string[] = [];
  after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
  const root = (t = 1_700_000_000) => {
    const r = fakeRoot(t);
    roots.push(r);
    return r;
  };

  it("stamps the sources with their newest time in ms and their count", () => {
    const r = root();
    utimesSync(join(r, "src/cli/b.ts"), 1_700_000_005, 1_700_000_005);
    assert.equal(sourceStamp(r), "1700000005000 2");
  });

  it("uses dist/ only once built, and while nothing under src/ changed since", () => {
    const r = root();
    assert.equal(compiledEntry(r), undefined, "no stamp: not built");
    writeFileSync(join(r, STAMP_FILE), `${sourceStamp(r)}\n`);
    assert.equal(compiledEntry(r), join(r, COMPILED_ENTRY));
    utimesSync(join(r, "src/cli/b.ts"), 1_700_000_001, 1_700_000_001);
    assert.equal(compiledEntry(r), undefined, "a source edited after the build");
  });

  it("sees a source added or removed, and a stamp whose entry is gone", () => {
    const r = root();
    writeFileSync(join(r, STAMP_FILE), `${sourceStamp(r)}\n`);
    writeFileSync(join(r, "src/c.ts"), "");
    utimesSync(join(r, "src/c.ts"), 1_699_999_999, 1_699_999_999);
    assert.equal(compiledEntry(r), undefined, "one more file, however old");
    rmSync(join(r, "src/c.ts"));
    rmSync(join(r, "src/a.ts"));
    assert.equal(compiledEntry(r), undefined, "one file fewer");
    const s = root();
    writeFileSync(join(s, STAMP_FILE), `${sourceStamp(s)}\n`);
    rmSync(join(s, COMPILED_ENTRY));
    assert.equal(compiledEntry(s), undefined);
  });

  it("trusts an installed package's stamp: npm dates the files it extracts after the build", () => {
    const r = root();
    const installed = join(r, "node_modules", "busmark");
    for (const file of ["src/a.ts", COMPILED_ENTRY]) {
      mkdirSync(dirname(join(installed, file)), { recursive: true });
      writeFileSync(join(installed, file), "");
    }
    writeFileSync(join(installed, STAMP_FILE), "1700000000000 1\n");
    assert.equal(compiledEntry(installed), join(installed, COMPILED_ENTRY));
    rmSync(join(installed, STAMP_FILE));
    assert.equal(compiledEntry(installed), undefined, "installed without a build");
  });
});
