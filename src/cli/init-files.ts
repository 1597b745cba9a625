/**
 * The files `busmark init` writes into a project: a first scenario, commented so it can be adapted without the
 * docs at hand, and a GitHub Actions workflow that runs the project's quick catalogue and publishes its JUnit files.
 * @module
 */

/** The scenario name `busmark init` uses unless told otherwise. */
export const DEFAULT_SCENARIO_NAME = "smoke";

/** The workflow's path, relative to the project. */
export const WORKFLOW_PATH = ".github/workflows/busmark.yml";

/**
 * A first scenario named `name`: the reference service at a steady 200 events/s, budgets on latency and loss, a
 * quick variant for CI, and comments pointing at what to change for one's own service. `schemaRef` is the
 * `$schema` target of the YAML language server line, relative to the scenario file.
 */
export function scenarioTemplate(name: string, schemaRef: string): string {
  return `# yaml-language-server: $schema=${schemaRef}
# A busmark scenario: the load, how long it runs and the budgets it must meet (docs: node_modules/busmark/docs/
# scenario-language.md). Check it with \`npx busmark validate\`, run it with \`npx busmark run ${name}\`
# (\`--quick\` for the short variant below).
version: 1
name: ${name} # kebab-case, the same as the file name
description: >-
  A first budget: message.log events at a steady 200/s through NATS into the service, nothing lost, and the time from
  each event's intended send time to its commit under 50 ms at p95. Replace this text by what the scenario measures
  and why its thresholds are what they are: it is printed in the report.
tags: [ci] # \`busmark run --all --quick --tag ci\` (the workflow in .github/workflows/busmark.yml) runs it
target:
  nats: \${NATS_URL:-} # empty: NATS_URL, else 127.0.0.1:4222 when it answers, else an embedded nats-server
service:
  # busmark's own reference database service, so this file runs as it is. For your service, use one of:
  #   command: { run: "node dist/server.js --nats {nats}", ready: { delay: 2s }, notices: true }
  #   external: { prefix: my.service, ready: { subscription: message.log } }
  reference: { prefix: rosey.db }
pools:
  users: { prefix: user, size: 20 } # usernames user1 … user20
events:
  chat:
    subject: message.log # relative to the service's prefix; { absolute: a.b.c } for any subject
    payload: { username: "{{ pool users }}", message: "{{ id }} {{ text 20 80 }}" }
phases:
  - { name: warmup, kind: warmup, duration: 2s, load: { rate: 100 } } # not counted in the statistics
  - { name: steady, kind: steady, duration: 10s, load: { rate: 200 } } # open loop: events/s on a fixed schedule
thresholds:
  latency.persisted: ["p50 < 20ms", "p95 < 50ms"]
  events.lost: "== 0"
  events.duplicated: "== 0"
quick: # what --quick changes, for CI
  phases: { warmup: { duration: 1s }, steady: { duration: 3s } }
`;
}

/**
 * The workflow: on every pull request, install the project (busmark among its dev dependencies) and NATS, run the
 * quick variant of every scenario tagged `ci`, keep the reports and publish one JUnit file per scenario (the same
 * pattern as docs/reports.md's example).
 */
export function workflowTemplate(): string {
  return `# busmark's quick catalogue on every pull request: every scenario in scenarios/ tagged \`ci\`, --quick.
# Fails on a broken budget (exit 1), an invalid scenario (2), unavailable NATS or service (3) or a runner too busy to
# measure (4). For baselines and \`busmark compare\`, see node_modules/busmark/docs/reports.md.
name: busmark
on: [pull_request, workflow_dispatch]
jobs:
  busmark:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - name: Install NATS
        run: sudo apt-get update && sudo apt-get install -y nats-server
      - run: npm ci
      - name: Quick catalogue, gated on its thresholds
        run: npx busmark run --all --quick --tag ci --quiet
      - uses: actions/upload-artifact@v4
        if: always()
        with: { name: busmark-reports, path: reports/ }
      - uses: mikepenz/action-junit-report@v4
        if: always()
        # One junit.xml per scenario run: reports/<scenario>/<run-id>/junit.xml.
        with: { report_paths: "reports/*/*/junit.xml" }
`;
}
