/**
 * `--service-command CMD [--service-db PATH]`: another implementation of the contract in place of the scenario's
 * service. The override becomes the scenario's service (a `command` service confirmed through its SQLite file), and
 * the thresholds are checked again against it, exactly as a `command:` service written in the file would be: a
 * budget the new service makes unobservable is a problem at the threshold's line, never a silent pass.
 * @module
 */
import { ScenarioError, type ScenarioProblem } from "../errors.ts";
import { findMetric } from "../metrics/catalog.ts";
import { defaultConfirm } from "./confirmation.ts";
import { checkEvent, type ThresholdFacts, unavailable } from "./normalize-thresholds.ts";
import type { Scenario, ServiceSpec } from "./types.ts";

/** The `--service-command` override. */
export interface ServiceOverride {
  /** Shell command line; `{nats}`, `{db}`, `{tmp}` and `{prefix}` expand. */
  command: string;
  /** The SQLite file it writes (default `{tmp}/service.db`, which `{db}` names). */
  db?: string | undefined;
}

/** How long the overriding service may take to subscribe to the contract, ms. */
const READY_TIMEOUT_MS = 20_000;

/** The scenario's service replaced by the override (nothing else changes). */
function overriddenService(scenario: Scenario, override: ServiceOverride): ServiceSpec {
  const prefix = scenario.service.prefix;
  return {
    kind: "command",
    prefix,
    command: override.command,
    db: override.db ?? "{tmp}/service.db",
    ready: { kind: "subscription", subject: `${prefix}.message.log`, timeoutMs: READY_TIMEOUT_MS },
    env: {},
    notices: false,
  };
}

/**
 * The scenario with its service replaced by `override`; throws {@link ScenarioError} with one problem per threshold
 * (at its position) that the overriding service makes unobservable.
 */
export function applyServiceOverride(scenario: Scenario, override: ServiceOverride): Scenario {
  const service = overriddenService(scenario, override);
  // What an event declares stays; what it had from the old service is what the new one implies.
  const events = scenario.events.map((e) => e.confirmDeclared ? e : { ...e, confirm: defaultConfirm(service, e) });
  const facts: ThresholdFacts = {
    events,
    phases: scenario.phases,
    faults: scenario.faults,
    service,
    path: scenario.path,
    allPhases: scenario.phases.map((p) => p.name),
    serviceFrom: "--service-command",
  };
  const problems: ScenarioProblem[] = [];
  for (const t of scenario.thresholds) {
    const metric = findMetric(t.metric);
    if (metric === undefined) continue;
    const reason = unavailable(metric, facts, t.selector) ??
      (t.selector.event !== undefined ? checkEvent(metric, t.selector.event, facts) : undefined);
    if (reason === undefined) continue;
    problems.push({
      file: t.pos.file,
      line: t.pos.line,
      column: t.pos.column,
      path: `/thresholds/${t.key}`,
      kind: "unavailable-metric",
      message: `with --service-command: \`${t.key}\` can never be measured here: ${reason}`,
    });
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return { ...scenario, service, events };
}
