/**
 * The reference beside `bench:soak`: the same load from a raw nats.js loop, in its own process so its memory is its
 * own. It publishes `--rate` messages a second of the soak's size with a `Bm-Id` header on `--subject`, paced every
 * 10 ms like an open-loop pacer, and receives them on a second connection (as busmark's probe does), keeping
 * nothing per message. Runs until SIGTERM, then prints how many it sent and received.
 * @module
 */
import { connect, headers } from "nats";
import { onTerminate } from "../src/runtime/host.ts";
import { BM_ID_HEADER } from "../src/service/notices.ts";

const args = process.argv.slice(2);
const arg = (name: string) => args[args.indexOf(name) + 1] ?? "";
const url = arg("--url");
const rate = Number(arg("--rate"));
const subject = arg("--subject");
const encoder = new TextEncoder();
const payloads = Array.from(
  { length: 64 },
  (_, i) =>
    encoder.encode(JSON.stringify({ username: `user${i % 50}`, message: `ref.${i} ${"lorem ipsum ".repeat(6)}` })),
);

const pub = await connect({ servers: url });
const sub = await connect({ servers: url });
let received = 0;
sub.subscribe(subject, {
  callback: (_error, msg) => {
    if (msg.headers?.get(BM_ID_HEADER)) received++;
  },
});
await sub.flush();
let sent = 0;
const start = performance.now();
const timer = setInterval(() => {
  const due = Math.floor(((performance.now() - start) * rate) / 1000);
  for (; sent < due; sent++) {
    const h = headers();
    h.set(BM_ID_HEADER, `ref.${sent}`);
    pub.publish(subject, payloads[sent % payloads.length]!, { headers: h });
  }
}, 10);
onTerminate(() => void stop());

async function stop(): Promise<void> {
  clearInterval(timer);
  await pub.drain();
  await sub.drain();
  console.log(JSON.stringify({ sent, received }));
  process.exit(0);
}
