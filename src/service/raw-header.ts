/**
 * Reads the `Bm-Id` header of a NATS message straight from its raw header bytes, without decoding the whole
 * header block into a map (nats.js decodes it to text, splits its lines and builds a map on first access to
 * `msg.headers`: measured at about a third of the service's marked flood). The same value as
 * `msg.headers.get("Bm-Id")`: the first `Bm-Id:` line's value, trimmed, exact in case; anything this reader does not
 * recognise (a client without the raw buffer, a non-ASCII value) falls back to the decoded headers.
 * @module
 */
import { BM_ID_HEADER } from "./notices.ts";

const NAME = new TextEncoder().encode(`${BM_ID_HEADER}:`);
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;

/** What the raw reader found: the value, no such header, or that it cannot tell (fall back to decoding). */
export type RawHeaderValue = string | null | undefined;

function isBlank(byte: number): boolean {
  return byte === SPACE || byte === TAB;
}

function startsAt(block: Uint8Array, at: number): boolean {
  if (at + NAME.length > block.length) return false;
  for (let i = 0; i < NAME.length; i++) if (block[at + i] !== NAME[i]) return false;
  return true;
}

/**
 * The `Bm-Id` value in an encoded header block (`NATS/1.0\r\nName: value\r\n…\r\n\r\n`): the value, `null` when no
 * line carries the header, `undefined` when the value holds a byte outside printable ASCII (let the decoder say).
 */
export function bmIdFromHeaderBlock(block: Uint8Array): RawHeaderValue {
  let line = block.indexOf(LF) + 1; // the first line is the version (and status) line
  while (line > 0 && line < block.length) {
    if (startsAt(block, line)) {
      let from = line + NAME.length;
      let to = block.indexOf(CR, from);
      if (to < 0) to = block.length;
      while (from < to && isBlank(block[from]!)) from++;
      while (to > from && isBlank(block[to - 1]!)) to--;
      let value = "";
      for (let i = from; i < to; i++) {
        const byte = block[i]!;
        if (byte < SPACE || byte > 126) return undefined;
        value += String.fromCharCode(byte);
      }
      return value;
    }
    line = block.indexOf(LF, line) + 1;
  }
  return null;
}

/** The parts of a nats.js core message the raw reader needs (private in nats.js: checked before use). */
interface RawMsg {
  _msg?: { hdr?: unknown };
  _rdata?: unknown;
  /** A JetStream message's core message. */
  msg?: unknown;
}

/**
 * A core (or JetStream) message's `Bm-Id`, from its raw header bytes when the client exposes them, else `undefined` to mean "ask
 * the decoded headers"; `null` when the message has no such header.
 */
export function rawBmId(msg: object): RawHeaderValue {
  let raw = msg as RawMsg;
  if (raw._msg === undefined && typeof raw.msg === "object" && raw.msg !== null) raw = raw.msg as RawMsg;
  const hdr = raw._msg?.hdr;
  const data = raw._rdata;
  if (typeof hdr !== "number" || !(data instanceof Uint8Array)) return undefined;
  if (hdr < 0) return null;
  return bmIdFromHeaderBlock(data.subarray(0, hdr));
}
