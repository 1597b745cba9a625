/**
 * Regenerates the realistic result fixtures under tests/fixtures/results/ by running their scenario for real
 * against the NATS server at NATS_URL (default nats://127.0.0.1:4222) and the reference service:
 *
 *   node --import tsx tests/support/make-result-fixture.ts
 *
 * The report golden files (tests/fixtures/results/*.md, *.xml) must then be regenerated too (see
 * tests/report/golden.test.ts: UPDATE_GOLDEN=1).
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { runScenario } from "../../src/run/runner.ts";
import { loadScenarioFile } from "../../src/scenario/mod.ts";
import { validateResult } from "../../src/result/validate.ts";

const dir = fileURLToPath(new URL("../fixtures/results/", import.meta.url));

/** Runs one scenario file and writes `<dir><name>.result.json`. */
async function generate(file: string, name: string, quick: boolean): Promise<void> {
  const scenario = loadScenarioFile(file, { quick, env: {} });
  const shown = file.slice(
    file.indexOf("/tests/") >= 0 ? file.indexOf("/tests/") + 1 : file.indexOf("/scenarios/") + 1,
  );
  const result = await runScenario({
    scenario,
    auth: {},
    env: {},
    natsUrl: process.env.NATS_URL ?? "nats://127.0.0.1:4222",
    command: `busmark run ${quick ? `${scenario.name} --quick` : shown}`,
  });
  // Make the fixture independent of where it was generated.
  result.scenario.file = shown;
  result.scenario.normalized = { ...result.scenario.normalized, file: shown };
  result.environment.hostname = "ci-runner";
  delete result.environment.gitCommit;
  const problems = validateResult(JSON.parse(JSON.stringify(result)));
  if (problems.length > 0) throw new Error(`Cannot write the fixture: it does not validate: ${problems.join("; ")}`);
  writeFileSync(`${dir}${name}.result.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`${name}: verdict ${result.verdict}, ${result.metrics.length} metrics, ${result.timeseries.length} s`);
}

await generate(`${dir}report-fixture.yaml`, "report-fixture", false);
await generate(
  fileURLToPath(new URL("../../scenarios/single-event-latency.yaml", import.meta.url)),
  "single-event-latency",
  true,
);
