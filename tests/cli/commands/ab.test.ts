import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parseAbRequest, pathSide } from "../../../src/cli/commands/ab.ts";
import { UsageError } from "../../../src/errors.ts";
import { tsEntryArgv } from "../../../src/runtime/spawn.ts";
import { runCli } from "../capture.ts";

const scenario = fileURLToPath(new URL("../../fixtures/scenarios/run/tiny-pass.yaml", import.meta.url));
const chaos = tsEntryArgv(fileURLToPath(new URL("../../fixtures/services/chaos.ts", import.meta.url))).join(" ");
/** The reference-like chaos service, faithful unless flags say otherwise. */
const service = (flags = "") => `${chaos} --nats {nats} --db {db} --prefix {prefix} ${flags}`.trim();
const out = mkdtempSync(join(tmpdir(), "busmark-ab-"));
after(() => rmSync(out, { recursive: true, force: true }));

/** `busmark ab` on the tiny scenario, on a fresh subject prefix, with a lenient generator bound. */
function ab(a: string, b: string, rounds: number) {
  process.env.TEST_PREFIX = `ab${Date.now().toString(36)}.db`;
  const base = ["ab", scenario, "--a", a, "--b", b, "--rounds", String(rounds), "--out", out, "--max-lag", "2000"];
  return runCli([...base, "--nats", "nats://127.0.0.1:4222"]);
}

describe("busmark ab", () => {
  it("reports a significant regression for a build that delays each commit by 20 ms, and exits 1", async () => {
    const run = await ab(service(), service("--delay-ms 20"), 4);
    assert.equal(run.code, 1, run.out + run.err);
    assert.match(run.out, /round 1 of 4: A\nround 1 of 4: B\nround 2 of 4: A/, "interleaved A B A B");
    assert.match(run.out, /^latency\.persisted p50 \*.*REGRESSION \(p=0\.014\)$/m);
    assert.match(run.out, /A\/A spread/);
    assert.match(run.out, /^A\/A check: A's first rounds against its last moved the gated metrics by up to [\d.]+ %/m);
    assert.match(run.out, /^verdict: REGRESSION: latency\.persisted p50/m);
    const dir = run.out.match(/rounds and analysis written to (\S+)/)?.[1];
    assert.match(readFileSync(join(dir!, "ab.txt"), "utf8"), /verdict: REGRESSION/);
    const html = readFileSync(join(dir!, "ab.html"), "utf8");
    assert.match(html, /<div class="verdict verdict-fail" id="verdict"><strong>REGRESSION<\/strong>/);
    assert.match(html, /verdict: REGRESSION: latency\.persisted p50/, "the analysis");
    const links = [...html.matchAll(/<a href="([^"]+)">report<\/a>/g)].map((m) => m[1]!);
    assert.equal(links.length, 8, "every round of both sides, side by side");
    for (const href of links) assert.ok(existsSync(join(dir!, decodeURIComponent(href))), href);
    assert.match(html, /<th class="num">A 1<\/th>.*<th class="num">B 4<\/th>/);
  });

  it("reports no regression for a build against itself, with the A/A spread, and exits 0", async () => {
    const run = await ab(service(), service(), 3);
    assert.equal(run.code, 0, run.out + run.err);
    assert.doesNotMatch(run.out, /REGRESSION/);
    assert.match(run.out, /^verdict: (NO REGRESSION|INCONCLUSIVE): /m);
    assert.match(run.out, /^A\/A check: .* by up to [\d.]+ %; this runner cannot resolve a smaller change\.$/m);
  });

  it("compares the scenario's own service on the NATS path against the direct path", async () => {
    const run = await ab("path:nats", "path:direct", 3);
    assert.equal(run.code, 0, run.out + run.err);
    assert.match(run.out, /^latency\.persisted p50 \*/m);
    assert.match(run.out, /^verdict: (NO REGRESSION|INCONCLUSIVE): /m, "direct is never slower than NATS + service");
    assert.equal(pathSide("path:direct"), "direct");
    assert.equal(pathSide("node service.js"), undefined);
  });

  it("takes the sides, rounds and budgets of a scenario's ab: block when no --a and --b are given", async () => {
    process.env.TEST_PREFIX = `ab${Date.now().toString(36)}.db`;
    const paths = fileURLToPath(new URL("../../fixtures/scenarios/run/ab-paths.yaml", import.meta.url));
    const run = await runCli(["ab", paths, "--out", out, "--max-lag", "2000", "--nats", "nats://127.0.0.1:4222"]);
    assert.equal(run.code, 1, run.out + run.err);
    assert.match(run.out, /round 3 of 3: B\n/);
    assert.match(run.out, /^cost\.cpu \* .* within < 1000%$/m);
    assert.match(run.out, /^throughput\.persisted \* .* BEYOND < -50%$/m);
    assert.match(run.out, /^verdict: REGRESSION: beyond its budget: throughput\.persisted/m);
    const none = await runCli(["ab", scenario, "--out", out]);
    assert.equal(none.code, 2);
    assert.match(none.err, /name both builds' commands: `--a CMD --b CMD` \(`tiny-pass` has no `ab:` block/);
  });

  it("parses its flags through the run request, and refuses what does not apply", () => {
    const r = parseAbRequest(["s", "--a", "x", "--b=y z", "--rounds", "3", "--quick", "--seed", "7"], {});
    assert.deepEqual([r.a, r.b, r.rounds, r.run.quick, r.run.seed, r.run.ref], ["x", "y z", 3, true, 7, "s"]);
    const bare = parseAbRequest(["s"], {});
    assert.deepEqual([bare.a, bare.b, bare.rounds], [undefined, undefined, undefined], "the scenario's ab: decides");
    assert.throws(() => parseAbRequest(["s", "--a", "x"], {}), /name both builds' commands/);
    assert.throws(() => parseAbRequest(["s", "--a", "x", "--b", "y", "--repeat", "2"], {}), /does not apply/);
    assert.throws(() => parseAbRequest(["s", "--a", "x", "--b", "y", "--rounds", "0"], {}), UsageError);
    const gated = parseAbRequest([
      "s",
      "--a",
      "x",
      "--b",
      "y",
      "--metric",
      "cost.cpu",
      "--metric=latency.persisted p95",
    ], {});
    assert.deepEqual(gated.gate, ["cost.cpu", "latency.persisted p95"]);
    assert.equal(parseAbRequest(["s", "--a", "x", "--b", "y"], {}).gate, undefined, "default: the headline latency");
    assert.throws(
      () => parseAbRequest(["s", "--a", "x", "--b", "y", "--metric", "cost.cpus"], {}),
      /`--metric cost\.cpus`: unknown metric `cost\.cpus`.*cost\.cpu/,
    );
  });
});
