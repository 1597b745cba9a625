import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stringify } from "yaml";
import { DEFAULT_SQL_POLL_MS, describeConfirm, maskPassword } from "../../src/scenario/confirmation.ts";
import { applyServiceOverride } from "../../src/scenario/override.ts";
import { base, check, problems, valid } from "./support.ts";

const external = { external: { prefix: "shop" } };
const QUERY = "SELECT ref AS id, seq AS cursor FROM orders WHERE seq > :cursor ORDER BY seq";

/** One event `order` on `shop.orders.created` with `confirm`, plus `extra` top-level keys. */
function order(confirm: unknown, extra: Record<string, unknown> = {}, event: Record<string, unknown> = {}) {
  return base({
    service: external,
    events: { order: { subject: "orders.created", payload: { ref: "{{ id }}" }, confirm, ...event } },
    ...extra,
  });
}

describe("normalizeConfirm", () => {
  it("reads each kind, marks the event persisted and declared", () => {
    const subject = valid(check(order({ subject: "orders.stored", id: { header: "Bm-Id" } }))).events[0]!;
    assert.deepEqual(subject.confirm, {
      kind: "subject",
      subject: "shop.orders.stored",
      id: { kind: "header", name: "Bm-Id" },
    });
    assert.equal(subject.persisted, true);
    assert.equal(subject.confirmDeclared, true);
    const field = valid(check(order({ subject: { absolute: "x.stored" }, id: { field: "/order/r~1ef" } })));
    assert.deepEqual(field.events[0]!.confirm, {
      kind: "subject",
      subject: "x.stored",
      id: { kind: "field", pointer: "/order/r~1ef" },
    });
    const sql = valid(check(order({ sql: { url: "sqlite:/tmp/shop.db", query: QUERY } }))).events[0]!;
    assert.deepEqual(sql.confirm, {
      kind: "sql",
      url: "sqlite:/tmp/shop.db",
      query: QUERY,
      pollMs: DEFAULT_SQL_POLL_MS,
    });
    const pg = valid(
      check(order({ sql: { url: "postgresql://postgres@127.0.0.1/test", query: QUERY, every: "50ms" } })),
    );
    assert.equal(pg.events[0]!.confirm.kind === "sql" && pg.events[0]!.confirm.pollMs, 50);
    const notices = valid(check(order({ notices: true }))).events[0]!;
    assert.deepEqual([notices.confirm, notices.persisted], [{ kind: "notices" }, true]);
    const reply = valid(check(base({
      service: external,
      events: { count: { subject: "orders.count", request: true, confirm: { reply: true } } },
    }))).events[0]!;
    assert.deepEqual([reply.confirm, reply.persisted, reply.confirmDeclared], [{ kind: "reply" }, false, true]);
  });

  it("leaves an event without confirm: to its service's default", () => {
    const e = valid(check(base({ service: external, events: { order: { subject: "orders.created" } } }))).events[0]!;
    assert.deepEqual([e.confirm, e.persisted, e.confirmDeclared], [{ kind: "none" }, false, false]);
  });

  it("accepts every's bounds and rejects just outside them", () => {
    const every = (d: string) => check(order({ sql: { url: "sqlite:x.db", query: QUERY, every: d } }));
    valid(every("1ms"));
    valid(every("10s"));
    assert.deepEqual(problems(every("0.5ms")), ["out-of-range: `every` must be between 1ms and 10s, got `0.5ms`"]);
    assert.deepEqual(problems(every("10001ms")), ["out-of-range: `every` must be between 1ms and 10s, got `10001ms`"]);
  });

  it("takes {db} only from a service that names its database", () => {
    const url = (service: Record<string, unknown>) =>
      check(order({ sql: { url: "sqlite:{db}", query: QUERY } }, { service }));
    assert.deepEqual(problems(url(external)), [
      "invalid-confirm: `{db}` names the service's `db`, and this external service gives none: write the " +
      "database's path or URL",
    ]);
    const at = url(external).problems[0]!;
    const text = stringify(order({ sql: { url: "sqlite:{db}", query: QUERY } }, { service: external }));
    assert.ok(text.split("\n")[at.line - 1]!.slice(at.column - 1).startsWith("{db}"), "at the `{db}`");
    valid(url({ external: { prefix: "shop", db: "/x.db" } }));
    valid(url({ command: { run: "svc", prefix: "shop", ready: { delay: "1s" } } }));
  });

  it("rejects a schema-invalid confirm before the semantic checks", () => {
    assert.deepEqual(problems(check(order({ notices: false }))), ["invalid-value: expected `true`"]);
    assert.deepEqual(problems(check(order({ sql: { url: "sqlite:x" } }))), [
      "missing-property: missing required property `query`",
    ]);
    assert.deepEqual(problems(check(order({ subjct: "x" }))), [
      "unknown-property: unknown property `subjct` — did you mean `subject`?",
    ]);
  });

  it("masks a URL's password in messages", () => {
    assert.equal(maskPassword("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
    assert.equal(maskPassword("postgresql://postgres@h/test"), "postgresql://postgres@h/test");
    assert.equal(maskPassword("sqlite:/tmp/a:b@c"), "sqlite:/tmp/a:b@c");
    const spec = { kind: "sql", url: "postgres://u:pw@h/db", query: "q :cursor", pollMs: 5 } as const;
    assert.equal(describeConfirm(spec), "sql postgres://u:***@h/db every 5 ms");
  });

  it("keeps a declared confirm when --service-command replaces the service", () => {
    const s = valid(check(order({ subject: "orders.stored", id: { header: "Bm-Id" } }, {
      thresholds: { "events.lost": "== 0" },
    })));
    const over = applyServiceOverride(s, { command: "svc" });
    assert.equal(over.events[0]!.confirm.kind, "subject");
  });
});

describe("persistence budgets and declared confirmation", () => {
  const budgets = { "events.lost": "== 0", "latency.persisted": "p95 < 1s" };
  const cannot = "busmark cannot confirm this service's writes: declare `confirm:` on its events, give its `db` or " +
    "declare `notices: true`";

  it("a declared source makes a budget valid that is rejected without it", () => {
    const without = check(base({
      service: external,
      events: { order: { subject: "orders.created", persist: true } },
      thresholds: budgets,
    }));
    assert.deepEqual(problems(without), [
      `unavailable-metric: \`events.lost\` can never be measured here: ${cannot}`,
      `unavailable-metric: \`latency.persisted\` can never be measured here: ${cannot}`,
    ]);
    for (
      const confirm of [
        { subject: "orders.stored", id: { field: "/ref" } },
        { sql: { url: "sqlite:/tmp/shop.db", query: QUERY } },
        { notices: true },
      ]
    ) valid(check(order(confirm, { thresholds: budgets })));
  });

  it("a budget over every event needs each persisted event confirmed; per event only that one", () => {
    const events = {
      order: { subject: "orders.created", confirm: { subject: "orders.stored", id: { header: "Bm-Id" } } },
      audit: { subject: "audit", persist: true },
    };
    const mix = { order: 1, audit: 1 };
    const scenario = base({ service: external, events, mix, thresholds: { "events.lost": "== 0" } });
    const all = check(scenario);
    assert.match(problems(all)[0]!, /`audit` cannot be confirmed/);
    // at the threshold's line
    const line = stringify(scenario).split("\n").findIndex((l) => l.includes("events.lost")) + 1;
    assert.deepEqual([all.problems[0]!.line, all.problems[0]!.column], [line, 3]);
    valid(check(base({ service: external, events, mix, thresholds: { "events.lost{event: order}": "== 0" } })));
    const audit = check(base({ service: external, events, mix, thresholds: { "events.lost{event: audit}": "== 0" } }));
    assert.deepEqual(problems(audit), [
      "invalid-selector: event `audit` cannot be confirmed; declare `confirm:` for it (notices, subject or sql)",
    ]);
    const both = {
      ...events,
      audit: { subject: "audit", confirm: { sql: { url: "sqlite:/tmp/shop.db", query: QUERY } } },
    };
    valid(check(base({ service: external, events: both, mix, thresholds: { "events.lost": "== 0" } })));
  });
});
