import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bindCursor } from "../../../src/run/engines/sql-cursor.ts";
import { SqlProblem, toCursor } from "../../../src/run/engines/sql-reader.ts";

describe("binding :cursor", () => {
  it("replaces each :cursor in the code, $1 for PostgreSQL and ? for SQLite, counting them", () => {
    const q = "SELECT ref AS id, seq AS cursor FROM t WHERE seq > :cursor AND seq < :cursor + 100 ORDER BY seq";
    assert.deepEqual(bindCursor(q, "postgres"), {
      text: "SELECT ref AS id, seq AS cursor FROM t WHERE seq > $1 AND seq < $1 + 100 ORDER BY seq",
      uses: 2,
    });
    assert.deepEqual(bindCursor(q, "sqlite"), {
      text: "SELECT ref AS id, seq AS cursor FROM t WHERE seq > ? AND seq < ? + 100 ORDER BY seq",
      uses: 2,
    });
    assert.deepEqual(bindCursor("SELECT 1 AS id, 2 AS cursor", "sqlite"), {
      text: "SELECT 1 AS id, 2 AS cursor",
      uses: 0,
    });
    assert.equal(bindCursor("WHERE seq>:cursor)", "sqlite").text, "WHERE seq>?)", "next to punctuation");
    assert.equal(bindCursor(":cursor", "postgres").text, "$1", "at both ends of the text");
  });

  it("leaves :cursor in quoted strings and identifiers as written", () => {
    const q = `SELECT ':cursor' AS a, 'it''s :cursor' AS b, "x:cursor" AS c, "a""b:cursor" FROM t WHERE s > :cursor`;
    const out = `SELECT ':cursor' AS a, 'it''s :cursor' AS b, "x:cursor" AS c, "a""b:cursor" FROM t WHERE s > ?`;
    assert.deepEqual(bindCursor(q, "sqlite"), { text: out, uses: 1 });
    assert.equal(
      bindCursor("SELECT `:cursor`, [:cursor] WHERE x > :cursor", "sqlite").text,
      "SELECT `:cursor`, [:cursor] WHERE x > ?",
    );
    assert.equal(
      bindCursor("SELECT E'\\' :cursor' WHERE x > :cursor", "postgres").text,
      "SELECT E'\\' :cursor' WHERE x > $1",
    );
    assert.equal(
      bindCursor("SELECT $$ :cursor $$, $tag$ :cursor $ $tag$ WHERE x > :cursor", "postgres").text,
      "SELECT $$ :cursor $$, $tag$ :cursor $ $tag$ WHERE x > $1",
    );
    assert.equal(bindCursor("SELECT 'open :cursor", "sqlite").uses, 0, "an unclosed string runs to the end");
  });

  it("leaves :cursor in comments as written; PostgreSQL nests block comments, SQLite does not", () => {
    assert.equal(
      bindCursor("SELECT x -- > :cursor\nWHERE x > :cursor /* :cursor */", "sqlite").text,
      "SELECT x -- > :cursor\nWHERE x > ? /* :cursor */",
    );
    assert.equal(bindCursor("/* a /* b */ :cursor */ :cursor", "postgres").text, "/* a /* b */ :cursor */ $1");
    assert.equal(bindCursor("/* a /* b */ :cursor */ :cursor", "sqlite").text, "/* a /* b */ ? */ ?");
  });

  it("does not take a cast, a longer name or a dollar-quote look-alike for the parameter", () => {
    assert.deepEqual(bindCursor("SELECT x::cursor, :cursors, :cursor::bigint", "postgres"), {
      text: "SELECT x::cursor, :cursors, $1::bigint",
      uses: 1,
    });
    assert.equal(bindCursor("SELECT a$b$ :cursor", "postgres").text, "SELECT a$b$ $1", "$ inside an identifier");
    assert.equal(bindCursor("SELECT $1, :cursor", "postgres").text, "SELECT $1, $1");
  });
});

describe("a row's cursor", () => {
  it("is a number, a bigint or the text of one", () => {
    assert.equal(toCursor(7), 7);
    assert.equal(toCursor(7n), 7);
    assert.equal(toCursor("42"), 42);
    assert.equal(toCursor(" 1.5 "), 1.5);
    assert.equal(toCursor("9007199254740993"), 9007199254740993n, "beyond 2^53 stays exact");
    assert.ok(toCursor("9007199254740993") > toCursor("9007199254740992"));
  });

  it("refuses anything else, as a problem that stops the poll", () => {
    for (const bad of [null, undefined, "abc", "", Number.NaN, new Uint8Array(1)]) {
      assert.throws(
        () => toCursor(bad),
        (e: unknown) =>
          e instanceof SqlProblem && e.kind === "fatal" && /`cursor` is .*must be a number/.test(e.message),
        String(bad),
      );
    }
  });
});
