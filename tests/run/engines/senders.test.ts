import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NatsConnection } from "nats";
import type { Defer } from "../../../src/run/cleanups.ts";
import { createRunContext, type SendFn } from "../../../src/run/context.ts";
import type { DirectEngine } from "../../../src/run/engines/direct.ts";
import { actionOf, compileNatsSenders, natsActions } from "../../../src/run/engines/nats-path.ts";
import type { SenderDeps, SenderPath } from "../../../src/run/engines/sender.ts";
import { openSenders, senderPaths, sendsViaService, usedPaths } from "../../../src/run/engines/senders.ts";
import { compilePlan } from "../../../src/run/plan.ts";
import type { PathKind } from "../../../src/scenario/types.ts";
import { chatEvent, phase, recentChatRequest, scenario } from "../../support/scenario.ts";

// Type-checked exhaustively: tsc rejects this literal when a path is missing or unknown.
const EVERY_PATH: Record<PathKind, true> = { nats: true, direct: true };

const steady = phase("steady", "steady", 1000, { kind: "rate", from: 10, to: 10 });

function planOf(opts: Partial<Parameters<typeof scenario>[0]> = {}) {
  const prefix = "app.db";
  return compilePlan(
    scenario({ prefix, events: [chatEvent(prefix), recentChatRequest(prefix)], phases: [steady], ...opts }),
  );
}

function contextOf(plan = planOf()) {
  return createRunContext({
    plan,
    runId: "r1",
    now: () => 0,
    signal: new AbortController().signal,
    confirmsPersistence: plan.events.map(() => false),
  });
}

describe("the sender path registry", () => {
  it("holds exactly one path per PathKind, each under its own name, NATS first", () => {
    assert.deepEqual(Object.keys(senderPaths), ["nats", "direct"]);
    assert.deepEqual(Object.keys(senderPaths).sort(), Object.keys(EVERY_PATH).sort());
    for (const [name, path] of Object.entries(senderPaths)) assert.equal(path.path, name);
  });

  it("sends to the service over the bus only on the NATS path", () => {
    assert.equal(senderPaths.nats.viaService, true);
    assert.equal(senderPaths.direct.viaService, false);
    assert.equal(sendsViaService([senderPaths.direct]), false);
    assert.equal(sendsViaService([senderPaths.nats, senderPaths.direct]), true);
    assert.equal(sendsViaService([]), false);
  });

  it("opens the paths the plan's phases use", () => {
    const names = (plan: ReturnType<typeof planOf>) => usedPaths(plan).map((p) => p.path);
    assert.deepEqual(names(planOf()), ["nats"]);
    assert.deepEqual(names(planOf({ path: "direct" })), ["direct"]);
    assert.deepEqual(names(planOf({ phases: [steady, { ...steady, name: "v1", path: "direct" }] })), [
      "nats",
      "direct",
    ]);
    const micro = (op: "direct-insert" | "publish") =>
      phase("micro", "micro", 500, { kind: "micro", benches: [{ name: op, op, event: "chat" }] });
    assert.deepEqual(names(planOf({ phases: [micro("direct-insert")] })), ["nats", "direct"]);
    assert.deepEqual(names(planOf({ phases: [micro("publish")] })), ["nats"]);
  });
});

describe("the NATS actions", () => {
  it("publish events and send requests for events with a request timeout", () => {
    const [chat, recent] = planOf().events;
    assert.equal(actionOf(chat!), "publish");
    assert.equal(actionOf(recent!), "request");
    assert.deepEqual(Object.keys(natsActions).sort(), ["publish", "request"]);
  });

  it("compile one engine per action, shared by the event types of that action", () => {
    const prefix = "app.db";
    const plan = planOf({
      events: [
        chatEvent(prefix),
        recentChatRequest(prefix),
        chatEvent(prefix, "chat2"),
        recentChatRequest(prefix, "r2"),
      ],
    });
    const senders = compileNatsSenders(contextOf(plan), {} as NatsConnection);
    assert.equal(senders.length, 4);
    assert.equal(senders[0], senders[2]);
    assert.equal(senders[1], senders[3]);
    assert.notEqual(senders[0], senders[1]);
  });
});

describe("openSenders", () => {
  it("opens the paths in order and compiles their senders, the direct engine and one flush", async () => {
    const log: string[] = [];
    const send: SendFn = () => -1;
    const direct = { send } as unknown as DirectEngine;
    const fake = (name: PathKind, extra: object): SenderPath => ({
      path: name,
      viaService: false,
      usedBy: () => true,
      open: (_ctx, _deps, defer) => {
        log.push(`open ${name}`);
        defer(() => {});
        return Promise.resolve({ senders: [send], ...extra });
      },
    });
    const deferred: unknown[] = [];
    const defer: Defer = (cleanup) => deferred.push(cleanup);
    const opened = await openSenders(
      contextOf(),
      [
        fake("nats", {}),
        fake("direct", { direct, flush: () => Promise.resolve(void log.push("flush direct")) }),
      ],
      {} as SenderDeps,
      defer,
    );
    assert.deepEqual(log, ["open nats", "open direct"]);
    assert.deepEqual(opened.senders, { nats: [send], direct: [send] });
    assert.equal(opened.direct, direct);
    assert.equal(deferred.length, 2);
    await opened.flush();
    assert.deepEqual(log, ["open nats", "open direct", "flush direct"]);
  });

  it("opens nothing for no paths", async () => {
    const opened = await openSenders(contextOf(), [], {} as SenderDeps, () => {});
    assert.deepEqual(opened.senders, {});
    assert.equal(opened.direct, undefined);
    await opened.flush();
  });
});
