#!/usr/bin/env bash
# The test command: the whole suite under Node (with c8 line coverage, failing below 85 %) and then under Deno (in a
# clean clone with only deno on PATH when BUSMARK_DENO_ALONE=1, as CI runs it).
# Tests that do not kill NATS use a server on 127.0.0.1:4222; when nothing answers there, one is started for the
# duration of the suite (JetStream on, store in a temporary directory) and stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

nats_up() { (exec 3<>/dev/tcp/127.0.0.1/4222) 2>/dev/null; }

if ! nats_up; then
  NATS_BIN="$(command -v nats-server || true)"
  [ -z "$NATS_BIN" ] && [ -x /usr/sbin/nats-server ] && NATS_BIN=/usr/sbin/nats-server
  if [ -z "$NATS_BIN" ]; then
    echo "test: nothing answers on 127.0.0.1:4222 and nats-server is not installed (apt-get install -y nats-server)" >&2
    exit 3
  fi
  NATS_DIR="$(mktemp -d)"
  "$NATS_BIN" -a 127.0.0.1 -p 4222 -js -sd "$NATS_DIR" >"$NATS_DIR/nats.log" 2>&1 &
  NATS_PID=$!
  trap 'kill "$NATS_PID" 2>/dev/null || true; rm -rf "$NATS_DIR"' EXIT
  for _ in $(seq 1 50); do nats_up && break; sleep 0.1; done
  nats_up || { echo "test: nats-server did not start"; cat "$NATS_DIR/nats.log"; exit 3; }
  echo "test: started nats-server on 127.0.0.1:4222 for this run"
fi

npm run test:node:coverage
# With BUSMARK_DENO_ALONE=1 (CI) the Deno leg runs in a clean clone without Node or npm (scripts/deno-alone.sh).
if [ "${BUSMARK_DENO_ALONE:-}" = 1 ]; then
  bash scripts/deno-alone.sh
else
  npm run test:deno
fi
