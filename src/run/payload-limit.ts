/**
 * The NATS server's `max_payload` against the largest payload each event type's template can produce, checked once
 * connected and before anything is sent: an event the server would refuse is a problem of the scenario (exit 2 at
 * the event's line), not a run that publishes nothing and passes.
 * @module
 */
import { ScenarioError, type ScenarioProblem } from "../errors.ts";
import { maxPayloadBytes } from "../payload/size.ts";
import type { Scenario } from "../scenario/types.ts";

/** Throws {@link ScenarioError} naming every event type whose payload can exceed `maxPayload` bytes. */
export function checkPayloadLimit(scenario: Scenario, maxPayload: number | undefined): void {
  if (maxPayload === undefined || !(maxPayload > 0)) return;
  const problems: ScenarioProblem[] = [];
  for (const event of scenario.events) {
    const largest = maxPayloadBytes(event.payload, scenario.pools);
    if (largest <= maxPayload) continue;
    problems.push({
      file: event.pos.file,
      line: event.pos.line,
      column: event.pos.column,
      path: `/events/${event.name}/payload`,
      kind: "payload-too-large",
      message: `event \`${event.name}\` can produce payloads of up to ${largest} bytes, over the NATS server's ` +
        `max_payload of ${maxPayload} bytes: the server would refuse them (shrink the payload or raise max_payload)`,
    });
  }
  if (problems.length > 0) throw new ScenarioError(problems);
}
