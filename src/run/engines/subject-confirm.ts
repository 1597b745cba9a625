/**
 * The "subject" kind: the service publishes a downstream event once it persisted one (e.g. `shop.orders.stored`),
 * carrying the busmark id in a header or a JSON field. busmark subscribes to that subject on the run's connection
 * before the load starts; each message that names an event of this source marks it persisted when it arrives, so
 * latency is intended send → downstream seen. A second message naming the same event is a duplicate. Messages that
 * name nothing of this source (another run's ids, other event types, unreadable payloads) are counted, never thrown.
 * @module
 */
import { Match, type Msg } from "nats";
import { pointerTokens, resolvePointer } from "../../text/json-pointer.ts";
import type { IdLocation } from "../../scenario/types.ts";
import { notePersisted, type RunContext } from "../context.ts";
import { Mark } from "../tracker.ts";
import type { Confirmer, RunningConfirmer, SourceSightings } from "./confirmer.ts";
import { idMatcher } from "./id-match.ts";

/** Reads the text that carries the id out of a message; throws on a payload that is not JSON. */
type IdReader = (msg: Msg) => unknown;

/** The reader of an id location: a header's value (any case), or the text at a JSON pointer of the payload. */
export function idReader(id: IdLocation): IdReader {
  if (id.kind === "header") {
    const name = id.name;
    return (msg) => msg.headers?.get(name, Match.IgnoreCase) || undefined;
  }
  const tokens = pointerTokens(id.pointer);
  return (msg) => {
    const value = resolvePointer(JSON.parse(msg.string()), tokens);
    return value === undefined || typeof value === "string" ? value : JSON.stringify(value);
  };
}

/** What one subscription saw, and the marking of what it matched. */
export class SubjectSightings {
  seen = 0;
  matched = 0;
  unreadable = 0;
  #lastError: string | undefined;
  readonly #ctx: RunContext;
  readonly #read: IdReader;
  readonly #seqOf: (text: unknown) => number;
  readonly #mine: ReadonlySet<number>;

  /** Sightings of the ids of `ctx`'s run whose event types are `events` (indexes), read with `read`. */
  constructor(ctx: RunContext, events: Iterable<number>, read: IdReader) {
    this.#ctx = ctx;
    this.#read = read;
    this.#seqOf = idMatcher(ctx.runId);
    this.#mine = new Set(events);
  }

  /** Takes one downstream message seen at `t` (run clock). Never throws. */
  take(msg: Msg, t: number): void {
    this.seen++;
    let text: unknown;
    try {
      text = this.#read(msg);
    } catch (error) {
      this.unreadable++;
      this.#lastError = `its payload is not JSON (${error instanceof Error ? error.message : String(error)})`;
      return;
    }
    const { tracker, recorder } = this.#ctx;
    const seq = this.#seqOf(text);
    if (seq < 0 || seq >= tracker.size || !this.#mine.has(tracker.eventOf(seq))) return;
    this.matched++;
    const mark = tracker.markPersisted(seq);
    if (mark === Mark.First) notePersisted(this.#ctx, seq, t);
    else if (mark === Mark.Duplicate) recorder.count("duplicated", tracker.phaseOf(seq), tracker.eventOf(seq));
  }

  /** Notes that the subscription itself failed. */
  fail(reason: string): void {
    this.#lastError = reason;
  }

  /** What it saw so far. */
  sightings(): SourceSightings {
    const out: SourceSightings = { seen: this.seen, matched: this.matched };
    if (this.#lastError !== undefined) {
      out.error = this.unreadable > 0 ? `${this.unreadable} unreadable, the last: ${this.#lastError}` : this.#lastError;
    }
    return out;
  }
}

/** Confirms from a downstream subject. */
export const subjectConfirmer: Confirmer<"subject"> = {
  kind: "subject",
  open(ctx, source, events, { nc }): RunningConfirmer {
    const seen = new SubjectSightings(ctx, events.map((e) => e.index), idReader(source.id));
    const sub = nc.subscribe(source.subject, {
      callback: (error, msg) => {
        if (error) seen.fail(`the subscription failed: ${error.message}`);
        else seen.take(msg, ctx.now());
      },
    });
    return { stop: () => sub.unsubscribe(), sightings: () => seen.sightings() };
  },
};
