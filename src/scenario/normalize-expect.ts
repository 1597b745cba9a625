/**
 * Normalizes `expect:` (reply checks) of request events: the schema is compiled, each condition parsed and each
 * pointer checked, a `recent` check's event resolved; every problem is reported at its key or value.
 * @module
 */
import type { NormalizeContext } from "./context.ts";
import { parseReplyCondition, type RecentExpect, type ReplyCondition, type ReplyExpect } from "./expect.ts";
import { parsePointer } from "../text/json-pointer.ts";
import { payloadFields } from "./payload.ts";
import type { RawExpect } from "./raw.ts";
import { compileReplySchema } from "./reply-schema.ts";
import type { EventType } from "./types.ts";
import { didYouMean } from "../text/suggest.ts";
import { childPath } from "./yaml-source.ts";

function badPointer(ctx: NormalizeContext, path: string, pointer: string): boolean {
  if (parsePointer(pointer) !== undefined) return false;
  ctx.report(path, "invalid-expect", `\`${pointer}\` is not a JSON pointer (e.g. \`/message\`, \`/0/username\`)`);
  return true;
}

/** Reports a pointer whose first field the payload template certainly lacks. */
function missingField(ctx: NormalizeContext, path: string, pointer: string, event: EventType, what: string): void {
  const first = parsePointer(pointer)?.[0];
  const fields = payloadFields(event.payload);
  if (first === undefined || fields === undefined || fields.includes(first)) return;
  ctx.report(
    path,
    "invalid-expect",
    `${what} \`${event.name}\` has no field \`${first}\` (it has ${fields.join(", ")})`,
  );
}

function normalizeRecent(
  raw: NonNullable<RawExpect["recent"]>,
  path: string,
  request: EventType,
  events: readonly EventType[],
  ctx: NormalizeContext,
): RecentExpect | undefined {
  const target = events.find((e) => e.name === raw.event);
  const names = events.filter((e) => !e.request).map((e) => e.name);
  if (!target) {
    ctx.report(`${path}/event`, "unknown-event", `unknown event \`${raw.event}\`${didYouMean(raw.event, names)}`);
  } else if (target.request) {
    ctx.report(`${path}/event`, "invalid-expect", `\`${raw.event}\` is a request; \`recent\` names an event it sends`);
  }
  let limit: RecentExpect["limit"] = 0;
  if (typeof raw.limit === "number") {
    limit = raw.limit;
  } else if (!badPointer(ctx, `${path}/limit`, raw.limit)) {
    missingField(ctx, `${path}/limit`, raw.limit, request, "the payload of the request");
    limit = { pointer: raw.limit };
  }
  if (!badPointer(ctx, `${path}/match`, raw.match) && target && !target.request) {
    missingField(ctx, `${path}/match`, raw.match, target, "the payload of");
  }
  const items = raw.items ?? "";
  badPointer(ctx, `${path}/items`, items);
  if (!target || target.request) return undefined;
  return { event: target.name, limit, match: raw.match, order: raw.order ?? "oldest-first", items };
}

/** The reply checks of `event`, or undefined when it has none (problems reported). */
export function normalizeExpect(
  raw: RawExpect | undefined,
  path: string,
  event: EventType,
  events: readonly EventType[],
  ctx: NormalizeContext,
): ReplyExpect | undefined {
  if (raw === undefined) return undefined;
  if (!event.request) {
    ctx.report(
      path,
      "invalid-expect",
      "only a request has a reply to check: add `request: true` or drop `expect`",
      "key",
    );
    return undefined;
  }
  const out: ReplyExpect = { status: raw.status ?? "ok", that: [] };
  if (raw.schema !== undefined) {
    const compiled = compileReplySchema(raw.schema);
    if (typeof compiled === "string") {
      ctx.report(`${path}/schema`, "invalid-schema", `not a JSON Schema ajv can compile: ${compiled}`);
    } else {
      out.schema = raw.schema;
    }
  }
  const that = raw.that === undefined ? [] : typeof raw.that === "string" ? [raw.that] : raw.that;
  that.forEach((text, i) => {
    const at = typeof raw.that === "string" ? `${path}/that` : childPath(`${path}/that`, i);
    const parsed = parseReplyCondition(text);
    if ("message" in parsed) ctx.reportIn(at, parsed.offset, "invalid-condition", parsed.message);
    else out.that.push(parsed as ReplyCondition);
  });
  if (raw.recent !== undefined) {
    if (out.status === "error") {
      ctx.report(
        `${path}/recent`,
        "invalid-expect",
        "an error reply lists nothing: `recent` needs `status: ok`",
        "key",
      );
    }
    const recent = normalizeRecent(raw.recent, `${path}/recent`, event, events, ctx);
    if (recent) out.recent = recent;
  }
  return out;
}
