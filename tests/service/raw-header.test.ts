/**
 * The raw `Bm-Id` reader gives what nats.js's decoded headers give, for every header block shape, and reads real
 * messages of the installed client from their bytes (so the fast path is the one the service takes).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { connect, headers, type Msg } from "nats";
import { bmIdFromHeaderBlock, rawBmId } from "../../src/service/raw-header.ts";

const enc = new TextEncoder();
const block = (text: string) => enc.encode(text);

describe("reading Bm-Id from the raw header bytes", () => {
  it("reads the first Bm-Id line's value, trimmed, exact in case, beside other headers", () => {
    assert.equal(bmIdFromHeaderBlock(block("NATS/1.0\r\nBm-Id: r1.7\r\n\r\n")), "r1.7");
    assert.equal(
      bmIdFromHeaderBlock(block("NATS/1.0\r\nX-A: 1\r\nBm-Id:run.with.dots.42 \r\nX-B: 2\r\n\r\n")),
      "run.with.dots.42",
    );
    assert.equal(bmIdFromHeaderBlock(block("NATS/1.0 503\r\nBm-Id:\t r.1\t\r\n\r\n")), "r.1");
    assert.equal(bmIdFromHeaderBlock(block("NATS/1.0\r\nBm-Id: a.1\r\nBm-Id: b.2\r\n\r\n")), "a.1");
    assert.equal(bmIdFromHeaderBlock(block("NATS/1.0\r\nBm-Id: \r\n\r\n")), "");
  });

  it("finds no header where there is none, or only in another case or as part of another name", () => {
    assert.equal(bmIdFromHeaderBlock(block("NATS/1.0\r\n\r\n")), null);
    assert.equal(bmIdFromHeaderBlock(block("NATS/1.0\r\nbm-id: r.1\r\n\r\n")), null);
    assert.equal(bmIdFromHeaderBlock(block("NATS/1.0\r\nX-Bm-Id: r.1\r\n\r\n")), null);
    assert.equal(bmIdFromHeaderBlock(block("NATS/1.0\r\nX: Bm-Id: r.1\r\n\r\n")), null);
    assert.equal(bmIdFromHeaderBlock(block("Bm-Id: r.1")), null, "the first line is the version line");
    assert.equal(bmIdFromHeaderBlock(new Uint8Array()), null);
  });

  it("leaves a value with bytes outside printable ASCII to the decoder", () => {
    assert.equal(bmIdFromHeaderBlock(block("NATS/1.0\r\nBm-Id: r\u00e9.1\r\n\r\n")), undefined);
  });

  it("agrees with nats.js's own encoding and decoding of the headers busmark sends", () => {
    for (const id of ["r.0", "20261203T114006Z-baf5.123456", "a.b.c.9007199254740991", " spaced.1 "]) {
      const h = headers();
      h.set("Other", "x");
      h.set("Bm-Id", id);
      assert.equal(bmIdFromHeaderBlock((h as unknown as { encode(): Uint8Array }).encode()), h.get("Bm-Id"), id);
    }
  });

  it("reads a real message of the installed client from its bytes, and says when it cannot", async () => {
    const nc = await connect({ servers: "nats://127.0.0.1:4222" });
    try {
      const subject = `rawheader.${Date.now().toString(36)}`;
      const got: Msg[] = [];
      const sub = nc.subscribe(subject, { max: 2, callback: (_e, m) => got.push(m) });
      const h = headers();
      h.set("Bm-Id", "run.5");
      nc.publish(subject, enc.encode("{}"), { headers: h });
      nc.publish(subject, enc.encode("{}"));
      await sub.closed;
      assert.equal(rawBmId(got[0]!), "run.5", "the fast path reads the installed client's messages");
      assert.equal(got[0]!.headers?.get("Bm-Id"), "run.5");
      assert.equal(rawBmId(got[1]!), null, "no header block");
      assert.equal(rawBmId({ headers: h }), undefined, "not a core message of this client: decode instead");
    } finally {
      await nc.close();
    }
  });
});
