import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { maskSecrets, maskUrl } from "../../src/nats/mask.ts";

describe("maskUrl", () => {
  const cases: [string, string][] = [
    ["nats://user:hunter2@host:4222", "nats://user:***@host:4222"],
    ["nats://s3cr3tT0ken@host:4222", "nats://***@host:4222"],
    ["nats://127.0.0.1:4222", "nats://127.0.0.1:4222"],
    ["tls://a:b@h1:1,nats://tok@h2:2, nats://h3:3", "tls://a:***@h1:1,nats://***@h2:2,nats://h3:3"],
    ["u:p@host", "u:***@host"],
    ["nats://u:p@ss@host", "nats://u:***@host"],
  ];
  for (const [url, masked] of cases) {
    it(url, () => {
      assert.equal(maskUrl(url), masked);
      assert.ok(!maskUrl(url).includes("hunter2") && !maskUrl(url).includes("s3cr3t"));
    });
  }
});

describe("maskSecrets", () => {
  it("replaces passwords, tokens and inline seeds everywhere", () => {
    const seed = "SUAM4BXQEH5VR3YBTO2VN6L2W5TPNWYQQKXCXNWNDCOJTYMIAAUEVDF3RM";
    const text = `auth failed for hunter2 (token tok-123-abc, seed ${seed}) hunter2`;
    const out = maskSecrets(text, { user: "bob", pass: "hunter2", token: "tok-123-abc", nkeySeed: seed });
    assert.equal(out, "auth failed for *** (token ***, seed ***) ***");
  });
  it("masks credentials of URLs inside the text", () => {
    const out = maskSecrets("Cannot reach nats://bob:pw@h:1 or 'tls://tok@h:2'", {});
    assert.equal(out, "Cannot reach nats://bob:***@h:1 or 'tls://***@h:2'");
  });
  it("masks short secrets only as whole words", () => {
    assert.equal(maskSecrets("password p was rejected: p", { pass: "p" }), "password *** was rejected: ***");
  });
  it("leaves a seed file path alone, and text without secrets unchanged", () => {
    assert.equal(maskSecrets("read /etc/nats/user.nk", { nkeySeed: "/etc/nats/user.nk" }), "read /etc/nats/user.nk");
    assert.equal(maskSecrets("nothing here", { pass: "secret" }), "nothing here");
  });
  it("prefers the longest secret when one contains another", () => {
    assert.equal(maskSecrets("x abcdefgh y", { pass: "abcd", token: "abcdefgh" }), "x *** y");
  });
});
