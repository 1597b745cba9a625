/**
 * Helpers for loader tests: a small valid scenario as a plain object, checked through the real loader.
 */
import { stringify } from "yaml";
import { type CheckResult, checkScenarioText, type LoadOptions } from "../../src/scenario/check.ts";

/** A minimal valid scenario named `t` (file `t.yaml`) with `overrides` merged over its top level. */
export function base(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    name: "t",
    description: "A test scenario.",
    pools: { users: ["alice", "bob"] },
    events: { chat: { subject: "message.log", payload: { username: "{{ pool users }}", message: "hi" } } },
    phases: [{ name: "steady", kind: "steady", duration: "2s", load: { rate: 100 } }],
    ...overrides,
  };
}

/** Checks a scenario object (as YAML text, file `t.yaml`, empty environment unless given). */
export function check(scenario: Record<string, unknown>, opts: LoadOptions = {}): CheckResult {
  return checkScenarioText(stringify(scenario), "t.yaml", { env: {}, ...opts });
}

/** `kind: message` of each problem, for readable assertions. */
export function problems(result: CheckResult): string[] {
  return result.problems.map((p) => `${p.kind}: ${p.message}`);
}

/** The scenario of a check that must be valid. */
export function valid(result: CheckResult) {
  if (!result.scenario) throw new Error(`expected a valid scenario, got:\n${problems(result).join("\n")}`);
  return result.scenario;
}
