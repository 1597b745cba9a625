/**
 * `node --import tsx bench/sql-poll.ts`: what one poll of a `sql:` source costs: the query with `:cursor` bound,
 * returning N new rows (and an empty poll of a table that holds them), on a SQLite file (WAL) and on PostgreSQL
 * (BUSMARK_TEST_PG or postgres://postgres@127.0.0.1:5432/test). It times the readers the poll worker uses, in this
 * thread; the median of 7 polls per figure. Each table is the bench's own and is dropped at the end.
 */
import process from "node:process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { SqlReader } from "../src/run/engines/sql-reader.ts";
import { openPostgresReader } from "../src/run/engines/sql-postgres.ts";
import { openSqliteReader } from "../src/run/engines/sql-sqlite.ts";
import { openDatabase } from "../src/runtime/sqlite.ts";

const PG_URL = process.env.BUSMARK_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";
const SIZES = [100, 1000, 10_000];
const REPEATS = 7;
const RUN = "20261202T180000Z-beef";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median ms of one poll from `cursor` (returning `expect` rows). */
async function time(reader: SqlReader, cursor: number, expect: number): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    const { rows } = await reader.read(cursor);
    ms.push(performance.now() - t0);
    if (rows.length !== expect) throw new Error(`expected ${expect} rows, got ${rows.length}`);
  }
  return median(ms);
}

function ref(i: number): string {
  return `order ${RUN}.${i} placed`;
}

const lines: string[] = [];
const query = (table: string) =>
  `SELECT ref AS id, seq AS cursor FROM ${table} WHERE seq > :cursor ORDER BY seq LIMIT 20000`;

// SQLite: one file per size, N rows already there.
const dir = mkdtempSync(join(tmpdir(), "busmark-bench-sql-"));
try {
  for (const n of SIZES) {
    const path = join(dir, `b${n}.db`);
    const db = await openDatabase(path);
    db.exec("PRAGMA journal_mode = WAL; CREATE TABLE orders (seq INTEGER PRIMARY KEY, ref TEXT)");
    const insert = db.prepare("INSERT INTO orders (ref) VALUES (?)");
    db.exec("BEGIN");
    for (let i = 0; i < n; i++) insert.run(ref(i));
    db.exec("COMMIT");
    const reader = openSqliteReader(path, query("orders"));
    const full = await time(reader, 0, n);
    const empty = await time(reader, n, 0);
    await reader.close();
    db.close();
    lines.push(
      `sqlite      ${String(n).padStart(6)} new rows: ${full.toFixed(2)} ms   (empty poll: ${empty.toFixed(3)} ms)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// PostgreSQL: one table per size.
const sql = postgres(PG_URL, { max: 1, onnotice: () => {} });
try {
  for (const n of SIZES) {
    const table = `bm_bench_${n}_${Math.random().toString(36).slice(2, 8)}`;
    await sql.unsafe(`CREATE TABLE ${table} (seq bigserial PRIMARY KEY, ref text NOT NULL)`);
    try {
      await sql.unsafe(
        `INSERT INTO ${table} (ref) SELECT 'order ${RUN}.' || g || ' placed' FROM generate_series(0, ${n - 1}) g`,
      );
      await sql.unsafe(`ANALYZE ${table}`);
      const reader = await openPostgresReader(PG_URL, query(table));
      const full = await time(reader, 0, n);
      const empty = await time(reader, n, 0);
      await reader.close();
      lines.push(
        `postgresql  ${String(n).padStart(6)} new rows: ${full.toFixed(2)} ms   (empty poll: ${empty.toFixed(3)} ms)`,
      );
    } finally {
      await sql.unsafe(`DROP TABLE IF EXISTS ${table}`);
    }
  }
} finally {
  await sql.end({ timeout: 1 });
}

console.log(`One poll of a sql: source (median of ${REPEATS}, in one thread):`);
for (const line of lines) console.log(`  ${line}`);
