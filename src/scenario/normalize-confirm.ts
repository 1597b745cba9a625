/**
 * Normalizes an event type's `confirm:` — how busmark learns the service persisted it (or, for a request, answered
 * it): `{ notices: true }`, `{ subject, id: { header } | { field } }`, `{ sql: { url, query, every } }` or
 * `{ reply: true }`. A persistence source makes the event persisted; every rule is reported at the key or value
 * that breaks it.
 * @module
 */
import { checkPointer } from "../text/json-pointer.ts";
import { DEFAULT_SQL_POLL_MS, maskPassword } from "./confirmation.ts";
import type { NormalizeContext } from "./context.ts";
import { parseDuration } from "./duration.ts";
import type { RawConfirm, RawEvent } from "./raw.ts";
import { checkPublishSubject, underPrefix } from "./subjects.ts";
import type { ConfirmSpec, EventType, IdLocation, ServiceSpec } from "./types.ts";

/** The keys of which `confirm:` takes exactly one. */
const KINDS = ["notices", "subject", "sql", "reply"] as const;

/** Bounds of a `sql` source's poll interval, ms. */
export const SQL_POLL_BOUNDS_MS = { min: 1, max: 10_000 } as const;

/** A character that may not appear in a header name (outside RFC 9110's token characters). */
const NON_TOKEN = /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/;

function idLocation(id: NonNullable<RawConfirm["id"]>, path: string, ctx: NormalizeContext): IdLocation | undefined {
  if (id.header !== undefined && id.field !== undefined) {
    ctx.report(`${path}/field`, "invalid-confirm", "`id` takes one of `header` and `field`, not both", "key");
    return undefined;
  }
  if (id.header !== undefined) {
    const bad = NON_TOKEN.exec(id.header);
    if (bad) {
      ctx.reportIn(
        `${path}/header`,
        bad.index,
        "invalid-confirm",
        `a header name is letters, digits and !#$%&'*+-.^_\`|~ only, got \`${id.header}\``,
      );
      return undefined;
    }
    return { kind: "header", name: id.header };
  }
  if (id.field !== undefined) {
    const bad = checkPointer(id.field);
    if (bad) {
      ctx.reportIn(`${path}/field`, bad.offset, "invalid-confirm", bad.message);
      return undefined;
    }
    return { kind: "field", pointer: id.field };
  }
  ctx.report(path, "invalid-confirm", "`id` needs `header: NAME` or `field: /json/pointer`");
  return undefined;
}

function subjectSource(
  c: RawConfirm,
  event: EventType,
  service: ServiceSpec,
  path: string,
  ctx: NormalizeContext,
): ConfirmSpec | undefined {
  const raw = c.subject!;
  const relative = typeof raw === "string";
  const written = relative ? raw : raw.absolute;
  const subjectPath = relative ? `${path}/subject` : `${path}/subject/absolute`;
  let ok = true;
  const bad = checkPublishSubject(written);
  if (bad) {
    ctx.reportIn(subjectPath, bad.offset, "invalid-subject", bad.message);
    ok = false;
  }
  const subject = relative ? underPrefix(service.prefix, written) : written;
  if (!bad && subject === event.subject) {
    ctx.report(
      subjectPath,
      "invalid-confirm",
      `\`${subject}\` is the event's own subject, so busmark's own publish would confirm it: name the subject ` +
        "the service publishes to once it stored the event",
    );
    ok = false;
  }
  if (c.id === undefined) {
    ctx.report(
      `${path}/subject`,
      "invalid-confirm",
      "a `subject` source needs `id`: where its messages carry the event's busmark id " +
        "(`{ header: Bm-Id }` or `{ field: /ref }`)",
      "key",
    );
    return undefined;
  }
  const id = idLocation(c.id, `${path}/id`, ctx);
  return ok && id ? { kind: "subject", subject, id } : undefined;
}

function sqlSource(
  sql: NonNullable<RawConfirm["sql"]>,
  service: ServiceSpec,
  path: string,
  ctx: NormalizeContext,
): ConfirmSpec | undefined {
  let ok = true;
  if (service.kind === "external" && service.db === undefined && sql.url.includes("{db}")) {
    ctx.reportIn(
      `${path}/url`,
      sql.url.indexOf("{db}"),
      "invalid-confirm",
      "`{db}` names the service's `db`, and this external service gives none: write the database's path or URL",
    );
    ok = false;
  } else if (!/^(?:sqlite:.|postgres(?:ql)?:\/\/.)/.test(sql.url)) {
    ctx.report(
      `${path}/url`,
      "invalid-confirm",
      `expected \`sqlite:PATH\` (\`{db}\` and \`{tmp}\` expand) or a \`postgres://\` URL, got \`${
        maskPassword(sql.url)
      }\``,
    );
    ok = false;
  }
  if (!/:cursor\b/.test(sql.query)) {
    ctx.report(
      `${path}/query`,
      "invalid-confirm",
      "the query must take `:cursor` (e.g. `WHERE seq > :cursor ORDER BY seq`): busmark reads rows incrementally, " +
        "passing the largest `cursor` column seen so far (0 at start)",
    );
    ok = false;
  }
  let pollMs: number = DEFAULT_SQL_POLL_MS;
  if (sql.every !== undefined) {
    pollMs = parseDuration(sql.every) ?? 0;
    if (pollMs < SQL_POLL_BOUNDS_MS.min || pollMs > SQL_POLL_BOUNDS_MS.max) {
      ctx.report(`${path}/every`, "out-of-range", `\`every\` must be between 1ms and 10s, got \`${sql.every}\``);
      ok = false;
    }
  }
  return ok ? { kind: "sql", url: sql.url, query: sql.query, pollMs } : undefined;
}

/**
 * Applies the `confirm:` of raw event `e` (at `path`) to `event`: its `confirm`, `confirmDeclared` and, for a
 * persistence source, `persisted`. `event` already has its subject, request and default persistence.
 */
export function normalizeConfirm(
  e: RawEvent,
  event: EventType,
  service: ServiceSpec,
  path: string,
  ctx: NormalizeContext,
): void {
  const c = e.confirm;
  if (c === undefined) return;
  event.confirmDeclared = true;
  const at = `${path}/confirm`;
  const given = KINDS.filter((k) => c[k] !== undefined);
  const kind = given[0];
  if (kind === undefined) {
    ctx.report(at, "invalid-confirm", "`confirm:` needs one of `notices`, `subject` (with `id`), `sql`, `reply`");
    return;
  }
  if (given.length > 1) {
    ctx.report(
      `${at}/${given[1]}`,
      "invalid-confirm",
      `\`confirm:\` takes one of \`notices\`, \`subject\`, \`sql\`, \`reply\`, not ${
        given.map((k) => `\`${k}\``).join(" and ")
      }`,
      "key",
    );
    return;
  }
  if (c.id !== undefined && kind !== "subject") {
    ctx.report(`${at}/id`, "invalid-confirm", "`id` goes with `subject` (where its messages carry the id)", "key");
    return;
  }
  if (service.kind === "none") {
    ctx.report(at, "invalid-confirm", "with `service: { none: {} }` there is no service to confirm anything", "key");
    return;
  }
  if (event.request !== undefined && kind !== "reply") {
    ctx.report(
      `${at}/${kind}`,
      "invalid-confirm",
      "a request is confirmed by its reply: write `confirm: { reply: true }` or drop `confirm:`",
      "key",
    );
    return;
  }
  if (event.request === undefined && kind === "reply") {
    ctx.report(
      `${at}/reply`,
      "invalid-confirm",
      "`reply` confirms requests only: add `request: true`, or confirm persistence with `notices`, `subject` or `sql`",
      "key",
    );
    return;
  }
  if (kind !== "reply" && e.persist === false) {
    ctx.report(
      `${path}/persist`,
      "invalid-confirm",
      `\`confirm: { ${kind}: … }\` confirms persistence, so the event is persisted: drop \`persist: false\``,
    );
    return;
  }
  let spec: ConfirmSpec | undefined;
  if (kind === "notices" || kind === "reply") spec = { kind };
  else if (kind === "subject") spec = subjectSource(c, event, service, at, ctx);
  else spec = sqlSource(c.sql!, service, `${at}/sql`, ctx);
  if (spec === undefined) return;
  event.confirm = spec;
  if (kind !== "reply") event.persisted = true;
}
