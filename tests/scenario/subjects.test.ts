import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkPublishSubject, contractPersists } from "../../src/scenario/subjects.ts";

describe("checkPublishSubject", () => {
  for (const ok of ["a", "rosey.db.message.log", "a-b_c.d1", "_stats"]) {
    it(`accepts ${ok}`, () => assert.equal(checkPublishSubject(ok), undefined));
  }
  const bad: [string, string, number][] = [
    ["a..b", "empty token", 2],
    [".a", "empty token", 0],
    ["a.", "empty token", 2],
    ["", "empty token", 0],
    ["a.*", "wildcard", 2],
    ["a.>", "wildcard", 2],
    ["a.b*", "wildcard", 2],
    ["a b", "white space", 1],
  ];
  for (const [subject, text, offset] of bad) {
    it(`rejects ${JSON.stringify(subject)}`, () => {
      const p = checkPublishSubject(subject);
      assert.ok(p?.message.includes(text), p?.message);
      assert.equal(p?.offset, offset);
    });
  }
});

describe("contractPersists", () => {
  it("knows the contract's event subjects under a prefix", () => {
    assert.equal(contractPersists("rosey.db", "rosey.db.message.log"), true);
    assert.equal(contractPersists("x", "x.user.left"), true);
    assert.equal(contractPersists("rosey.db", "rosey.db.stats.recent_chat.get"), false);
    assert.equal(contractPersists("rosey.db", "other.message.log"), false);
  });
});
