/**
 * Binding `:cursor` in a `sql:` confirmation query: every `:cursor` that stands in the query's code becomes the
 * database's positional parameter (`$1` for PostgreSQL, `?` for SQLite), and the same text inside a quoted string,
 * a quoted identifier or a comment stays as written. A small tokenizer skips those: `'…'` (with `''`), `"…"`
 * (with `""`), SQLite's `` `…` `` and `[…]`, PostgreSQL's `E'…'` (backslash escapes) and `$tag$…$tag$`, `-- …`
 * to the end of the line and `/* … *\/` (nested on PostgreSQL). `::cursor` (a PostgreSQL cast) and `:cursors` are
 * not the parameter.
 * @module
 */

/** The SQL dialect of a database busmark polls. */
export type SqlDialect = "sqlite" | "postgres";

/** A query with `:cursor` bound. */
export interface BoundQuery {
  /** The query text the database is given. */
  text: string;
  /** How many `:cursor` were replaced: SQLite takes the cursor that many times, PostgreSQL once (`$1`). */
  uses: number;
}

const PARAM = ":cursor";
const WORD = /[A-Za-z0-9_$]/;
const TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

/** Where the quoted run that starts at `i` ends (the index after it), for a closing `close` doubled to escape. */
function skipQuoted(sql: string, i: number, close: string, backslash = false): number {
  let j = i + 1;
  while (j < sql.length) {
    const c = sql[j]!;
    if (backslash && c === "\\") j += 2;
    else if (c === close) {
      if (sql[j + 1] === close) j += 2;
      else return j + 1;
    } else j++;
  }
  return j;
}

/** Where the block comment that starts at `i` ends; PostgreSQL nests them, SQLite does not. */
function skipBlockComment(sql: string, i: number, nested: boolean): number {
  let depth = 1;
  let j = i + 2;
  while (j < sql.length && depth > 0) {
    if (sql.startsWith("*/", j)) {
      depth--;
      j += 2;
    } else if (nested && sql.startsWith("/*", j)) {
      depth++;
      j += 2;
    } else j++;
  }
  return j;
}

/** The end of the quoted, commented or dollar-quoted run that starts at `i`, or -1 when none starts there. */
function skipNonCode(sql: string, i: number, dialect: SqlDialect): number {
  const c = sql[i]!;
  const prev = i > 0 ? sql[i - 1]! : "";
  if (c === "'") {
    const escaped = dialect === "postgres" && /[Ee]/.test(prev) && !(i > 1 && WORD.test(sql[i - 2]!));
    return skipQuoted(sql, i, "'", escaped);
  }
  if (c === '"') return skipQuoted(sql, i, '"');
  if (dialect === "sqlite" && c === "`") return skipQuoted(sql, i, "`");
  if (dialect === "sqlite" && c === "[") {
    const end = sql.indexOf("]", i + 1);
    return end < 0 ? sql.length : end + 1;
  }
  if (c === "-" && sql[i + 1] === "-") {
    const end = sql.indexOf("\n", i);
    return end < 0 ? sql.length : end + 1;
  }
  if (c === "/" && sql[i + 1] === "*") return skipBlockComment(sql, i, dialect === "postgres");
  if (dialect === "postgres" && c === "$" && !WORD.test(prev)) {
    const tag = TAG.exec(sql.slice(i))?.[0];
    if (tag !== undefined) {
      const end = sql.indexOf(tag, i + tag.length);
      return end < 0 ? sql.length : end + tag.length;
    }
  }
  return -1;
}

/** `query` with each `:cursor` in its code replaced by the dialect's positional parameter. */
export function bindCursor(query: string, dialect: SqlDialect): BoundQuery {
  const placeholder = dialect === "postgres" ? "$1" : "?";
  let text = "";
  let uses = 0;
  let i = 0;
  while (i < query.length) {
    const skipped = skipNonCode(query, i, dialect);
    if (skipped >= 0) {
      text += query.slice(i, skipped);
      i = skipped;
      continue;
    }
    if (
      query.startsWith(PARAM, i) && query[i - 1] !== ":" && !WORD.test(query[i + PARAM.length] ?? "")
    ) {
      text += placeholder;
      uses++;
      i += PARAM.length;
      continue;
    }
    text += query[i];
    i++;
  }
  return { text, uses };
}
