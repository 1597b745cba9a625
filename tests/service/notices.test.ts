import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  countIds,
  decodeNotice,
  encodeNotice,
  forEachId,
  formatBmId,
  mergeRanges,
  mergeRangesKeepingRepeats,
  NoticeDecodeError,
  parseBmId,
  RangeCollector,
} from "../../src/service/notices.ts";

const enc = (s: string) => new TextEncoder().encode(s);

describe("Bm-Id", () => {
  it("round-trips run ids containing dots", () => {
    assert.deepEqual(parseBmId(formatBmId("run.w1", 42)), { run: "run.w1", seq: 42 });
    assert.deepEqual(parseBmId("r.0"), { run: "r", seq: 0 });
  });
  it("rejects malformed values", () => {
    for (const bad of ["", "r", "r.", ".5", "r.5x", "r.-1", "r.1.5e3", "r.12345678901234567"]) {
      assert.equal(parseBmId(bad), undefined, bad);
    }
  });
});

describe("RangeCollector", () => {
  it("coalesces consecutive ids and merges out-of-order ones", () => {
    const c = new RangeCollector();
    for (const seq of [1, 2, 3, 7, 8, 5, 4, 6, 20]) c.add("a", seq);
    c.add("b", 0);
    assert.equal(c.size, 10);
    assert.deepEqual(c.toRanges(), { a: [[1, 8], [20, 20]], b: [[0, 0]] });
    c.clear();
    assert.equal(c.size, 0);
    assert.deepEqual(c.toRanges(), {});
  });
  it("keeps an id added twice in one batch twice, so a duplicate within one transaction is counted", () => {
    const c = new RangeCollector();
    for (const seq of [1, 1, 2, 2, 3, 9]) c.add("a", seq);
    assert.deepEqual(c.toRanges(), { a: [[1, 3], [1, 2], [9, 9]] });
    assert.deepEqual(mergeRangesKeepingRepeats([[5, 9], [1, 6], [10, 10]]), [[1, 10], [5, 6]]);
    assert.deepEqual(mergeRangesKeepingRepeats([[3, 4], [1, 2]]), [[1, 4]]);
  });
  it("mergeRanges leaves canonical input alone and merges overlaps", () => {
    const canonical: [number, number][] = [[1, 2], [4, 5]];
    assert.equal(mergeRanges(canonical), canonical);
    assert.deepEqual(mergeRanges([[5, 9], [1, 6], [10, 10]]), [[1, 10]]);
  });
});

describe("notices", () => {
  it("encode/decode round trip, with counting and iteration", () => {
    const notice = {
      tx: 3,
      n: 5,
      runs: { r: [[1, 3], [5, 5]] as [number, number][] },
      invalid: { r: [[4, 4]] as [number, number][] },
    };
    const back = decodeNotice(encodeNotice(notice));
    assert.deepEqual(back, notice);
    assert.equal(countIds(back.runs), 4);
    assert.equal(countIds(undefined), 0);
    const seen: string[] = [];
    forEachId(back.runs, (run, seq) => seen.push(`${run}.${seq}`));
    assert.deepEqual(seen, ["r.1", "r.2", "r.3", "r.5"]);
    assert.deepEqual(decodeNotice(enc('{"tx":1,"n":0,"again":{"x":[[2,2]]}}')), {
      tx: 1,
      n: 0,
      runs: {},
      again: { x: [[2, 2]] },
    });
  });
  it("rejects payloads that are not notices", () => {
    for (
      const bad of [
        "nope",
        "3",
        '{"tx":"1","n":1}',
        '{"tx":1,"n":1,"runs":[]}',
        '{"tx":1,"n":1,"runs":{"r":[[3,1]]}}',
        '{"tx":1,"n":1,"invalid":{"r":[1]}}',
      ]
    ) {
      assert.throws(
        () => decodeNotice(enc(bad)),
        (e: unknown) => e instanceof NoticeDecodeError && /^Cannot decode commit notice/.test(e.message),
        bad,
      );
    }
  });
});
