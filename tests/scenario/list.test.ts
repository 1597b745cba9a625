import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { stringify } from "yaml";
import { listScenarios } from "../../src/scenario/list.ts";
import { base } from "./support.ts";

const dir = mkdtempSync(join(tmpdir(), "busmark-list-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("listScenarios", () => {
  it("summarizes valid and invalid scenarios", () => {
    writeFileSync(
      join(dir, "a.yaml"),
      stringify(base({ name: "a", tags: ["x"], quick: { phases: { steady: { duration: "500ms" } } } })),
    );
    writeFileSync(join(dir, "b.yaml"), "version: 1\nname: b\n");
    const list = listScenarios(dir, { env: {} });
    assert.deepEqual(list[0], {
      file: join(dir, "a.yaml"),
      name: "a",
      description: "A test scenario.",
      tags: ["x"],
      durationMs: 2000,
      quickDurationMs: 500,
      problems: [],
      commands: [],
    });
    assert.equal(list[1]!.name, "b");
    assert.equal(list[1]!.durationMs, undefined);
    assert.deepEqual(list[1]!.problems.map((p) => p.kind), [
      "missing-property",
      "missing-property",
      "missing-property",
    ]);
  });
});
