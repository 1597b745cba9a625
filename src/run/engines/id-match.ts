/**
 * Finding a run's busmark ids in what a service stored or published: the id `<runId>.<seq>` may be the whole text
 * (a `Bm-Id` header, an `id` column) or a part of it (a message that carries `{{ id }}`). Shared by every
 * confirmer that reads ids back.
 * @module
 */

/** A matcher of the busmark ids of run `runId` in stored text: the seq of the first one, or -1 when none. */
export function idMatcher(runId: string): (text: unknown) => number {
  const pattern = new RegExp(`${runId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(\\d+)`);
  return (text) => {
    if (typeof text !== "string") return -1;
    const match = pattern.exec(text);
    if (!match) return -1;
    const seq = Number(match[1]);
    return Number.isSafeInteger(seq) ? seq : -1;
  };
}
