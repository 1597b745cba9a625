import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { stringify } from "yaml";
import { ScenarioError, UsageError } from "../../src/errors.ts";
import { checkScenarioText, loadScenarioFile } from "../../src/scenario/check.ts";
import { base, check, valid } from "./support.ts";

const dir = mkdtempSync(join(tmpdir(), "busmark-check-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("checkScenarioText", () => {
  it("runs the stages in order: schema problems hide semantic ones", () => {
    const r = check(base({ mix: { nope: 1 }, seed: "x" }));
    assert.deepEqual(r.problems.map((p) => p.kind), ["type"], "the unknown event in the mix waits for the schema");
  });

  it("reports every semantic problem, in file order", () => {
    const r = check(base({
      mix: { nope: 1 },
      thresholds: { "latency.persisted{event: nada}": "p95 < 1ms", "events.lost": "== x" },
    }));
    assert.deepEqual(r.problems.map((p) => p.kind), ["unknown-event", "unknown-event", "invalid-condition"]);
    const lines = r.problems.map((p) => p.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
  });

  it("returns the variant asked for, and both", () => {
    const s = base({ quick: { phases: { steady: { duration: "1s" } } } });
    assert.equal(valid(check(s)).durationMs, 2000);
    assert.equal(valid(check(s, { quick: true })).durationMs, 1000);
    const r = check(s);
    assert.equal(r.variants?.full.quick, false);
    assert.equal(r.variants?.quick.quick, true);
  });

  it("takes the environment from the options, else from the process", () => {
    const text = stringify(base({ phases: [{ name: "s", kind: "steady", duration: "1s", load: { rate: "${R}" } }] }));
    assert.equal(checkScenarioText(text, "t.yaml", { env: { R: "7" } }).scenario?.phases[0]?.load.kind, "rate");
    const unset = checkScenarioText(text, "t.yaml", { env: {} });
    assert.deepEqual(unset.problems.map((p) => p.kind), ["unset-variable", "type"]);
    const fromProcess = checkScenarioText(text.replace("${R}", "${BUSMARK_SURELY_UNSET_VARIABLE:-9}"), "t.yaml");
    assert.deepEqual(fromProcess.scenario?.phases[0]?.load, { kind: "rate", from: 9, to: 9 });
  });

  it("reports an unset variable even when everything else is valid", () => {
    const r = check(base({ target: { nats: "${NOPE}" } }));
    assert.deepEqual(r.problems.map((p) => p.kind), ["unset-variable"]);
    assert.equal(r.scenario, undefined);
  });
});

describe("hostile names", () => {
  it("treats names like `constructor` and `toString` as plain names", () => {
    const r = check(
      base({
        service: { command: { run: "svc", ready: { delay: "1s" }, notices: true } },
        events: { constructor: { subject: "constructor", persist: true, payload: { a: "${toString:-x}" } } },
        phases: [{ name: "constructor", kind: "steady", duration: "1s", load: { rate: 1 } }],
        thresholds: { "latency.persisted{event: constructor, phase: constructor}": "p95 < 1ms" },
      }),
      { quick: true },
    );
    const s = valid(r);
    assert.deepEqual(s.events[0]!.payload, { kind: "literal", value: { a: "x" } });
    assert.equal(s.phases[0]!.durationMs, 1000);
  });
});

describe("loadScenarioFile", () => {
  it("loads a valid file", () => {
    const file = join(dir, "t.yaml");
    writeFileSync(file, stringify(base()));
    const s = loadScenarioFile(file, { env: {} });
    assert.equal(s.name, "t");
    assert.equal(s.file, file);
  });

  it("throws a ScenarioError carrying every problem", () => {
    const file = join(dir, "bad.yaml");
    writeFileSync(file, stringify(base({ name: "bad", mix: { a: 1, b: 1 } })));
    assert.throws(() => loadScenarioFile(file, { env: {} }), (e: unknown) => {
      assert.ok(e instanceof ScenarioError);
      assert.equal(e.problems.length, 2);
      assert.equal(e.file, file);
      assert.match(e.message, /^Cannot load scenario: .*bad\.yaml:\d+:\d+: unknown event `a` \(and 1 more\)$/);
      return true;
    });
  });

  it("throws a UsageError for a file that cannot be read", () => {
    assert.throws(() => loadScenarioFile(join(dir, "missing.yaml")), UsageError);
  });
});
