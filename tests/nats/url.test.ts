import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hostPort, parseServerUrl, splitServerList, stripCredentials } from "../../src/nats/url.ts";

describe("parseServerUrl", () => {
  const cases: [string, Record<string, string | undefined>][] = [
    ["nats://127.0.0.1:4222", { scheme: "nats://", rest: "127.0.0.1:4222", user: undefined, token: undefined }],
    ["nats://u:p@host:4222", { scheme: "nats://", userinfo: "u:p", user: "u", pass: "p", rest: "host:4222" }],
    ["nats://s3cr3t@host", { scheme: "nats://", token: "s3cr3t", user: undefined, rest: "host" }],
    ["u:p%40ss@host:1", { scheme: "", user: "u", pass: "p@ss", rest: "host:1" }],
    ["tls://u:a@b@h:9", { scheme: "tls://", user: "u", pass: "a@b", rest: "h:9" }],
    ["nats://u:%zz@h", { user: "u", pass: "%zz" }],
    ["nats://u:@h", { user: "u", pass: "" }],
  ];
  for (const [url, expected] of cases) {
    it(url, () => {
      const parsed = parseServerUrl(url) as unknown as Record<string, string | undefined>;
      for (const [key, value] of Object.entries(expected)) assert.equal(parsed[key], value, key);
    });
  }
});

describe("hostPort", () => {
  const cases: [string, string, number][] = [
    ["nats://127.0.0.1:4222", "127.0.0.1", 4222],
    ["nats://example.com", "example.com", 4222],
    ["localhost:5000", "localhost", 5000],
    ["nats://u:123@host:7000", "host", 7000],
    ["nats://[::1]:4333", "::1", 4333],
    ["[::1]", "::1", 4222],
    ["::1", "::1", 4222],
    ["nats://h:4223/path", "h", 4223],
  ];
  for (const [url, host, port] of cases) {
    it(url, () => assert.deepEqual(hostPort(url), { host, port }));
  }
});

describe("splitServerList / stripCredentials", () => {
  it("splits on commas and drops blanks", () => {
    assert.deepEqual(splitServerList(" nats://a:1 , ,nats://b:2,"), ["nats://a:1", "nats://b:2"]);
    assert.deepEqual(splitServerList(""), []);
  });
  it("removes user, password and token", () => {
    assert.equal(stripCredentials("nats://u:p@h:1"), "nats://h:1");
    assert.equal(stripCredentials("nats://tok@h"), "nats://h");
    assert.equal(stripCredentials("h:1"), "h:1");
  });
});
