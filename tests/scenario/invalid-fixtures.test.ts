/**
 * Every file in tests/fixtures/scenarios/invalid/ declares the problems it must produce in `# expect:` lines:
 * `# expect: LINE:COLUMN KIND [text the message contains]`. The loader must report exactly those, in that order.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { checkScenarioText } from "../../src/scenario/check.ts";

const DIR = new URL("../fixtures/scenarios/invalid/", import.meta.url);
const EXPECT = /^# expect: (\d+):(\d+) (\S+)(?: (.*))?$/;

interface Expected {
  line: number;
  column: number;
  kind: string;
  text?: string;
}

function expectations(text: string): Expected[] {
  return text.split("\n").flatMap((l) => {
    const m = EXPECT.exec(l);
    if (!m) return [];
    const e: Expected = { line: Number(m[1]), column: Number(m[2]), kind: m[3]! };
    if (m[4]) e.text = m[4];
    return [e];
  });
}

const files = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort();

describe("invalid scenario fixtures", () => {
  it("there are at least 25 of them, each with an expectation", () => {
    assert.ok(files.length >= 25, `only ${files.length} fixtures`);
    for (const f of files) assert.ok(expectations(readFileSync(new URL(f, DIR), "utf8")).length > 0, f);
  });

  for (const file of files) {
    it(file, () => {
      const text = readFileSync(new URL(file, DIR), "utf8");
      const result = checkScenarioText(text, file, { env: {} });
      assert.equal(result.scenario, undefined, "an invalid scenario yields no scenario");
      const got = result.problems.map((p) => ({ line: p.line, column: p.column, kind: p.kind }));
      const want = expectations(text).map(({ line, column, kind }) => ({ line, column, kind }));
      assert.deepEqual(
        got,
        want,
        result.problems.map((p) => `${p.line}:${p.column} ${p.kind} ${p.message}`).join("\n"),
      );
      expectations(text).forEach((e, i) => {
        if (e.text) {
          assert.ok(result.problems[i]!.message.includes(e.text), `${result.problems[i]!.message} ∌ ${e.text}`);
        }
        assert.equal(result.problems[i]!.file, file);
      });
    });
  }
});
