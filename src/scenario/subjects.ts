/**
 * NATS subjects in scenarios: the database-service contract's subjects, and the checks a publish subject must pass.
 * @module
 */
import { EVENT_SUBJECTS, REQUEST_SUBJECTS } from "../service/contract.ts";

/** The contract's event subjects (relative to the prefix): the service persists these. */
export const CONTRACT_EVENT_SUBJECTS: readonly string[] = EVENT_SUBJECTS;

/** The contract's request subjects (relative to the prefix): the service replies to these. */
export const CONTRACT_REQUEST_SUBJECTS: readonly string[] = REQUEST_SUBJECTS.filter((s) => !s.startsWith("_"));

/** Why a subject cannot be published to; `offset` is where in the subject the problem is. */
export interface SubjectProblem {
  message: string;
  offset: number;
}

/** Checks a subject (or prefix) one can publish to: dot-separated non-empty tokens, no wildcards, no spaces. */
export function checkPublishSubject(subject: string, what = "subject"): SubjectProblem | undefined {
  const space = subject.search(/\s/);
  if (space >= 0) return { message: `${what} \`${subject}\` contains white space`, offset: space };
  let offset = 0;
  for (const token of subject.split(".")) {
    if (token === "") {
      return { message: `${what} \`${subject}\` has an empty token (a leading, trailing or doubled \`.\`)`, offset };
    }
    if (token === "*" || token === ">" || token.includes("*") || token.includes(">")) {
      return {
        message: `${what} \`${subject}\` contains a wildcard; events are published to concrete subjects`,
        offset,
      };
    }
    offset += token.length + 1;
  }
  return undefined;
}

/** The full subject of a relative one under `prefix`. */
export function underPrefix(prefix: string, subject: string): string {
  return `${prefix}.${subject}`;
}

/** Whether the contract says the service persists events on `subject` (full) under `prefix`. */
export function contractPersists(prefix: string, subject: string): boolean {
  return CONTRACT_EVENT_SUBJECTS.some((s) => underPrefix(prefix, s) === subject);
}
