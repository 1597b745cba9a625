/**
 * Every sub-command, in the order `busmark --help` lists them: its name, summary and a dynamic import of its module,
 * so starting busmark loads only the command that runs (`busmark list` never loads NATS, the charts or SQLite).
 * @module
 */
import type { CommandEntry } from "../command.ts";

/** All commands. Each issue adds its own here. */
export const commands: readonly CommandEntry[] = [
  {
    name: "list",
    summary: "List the scenarios with their durations, tags and descriptions",
    load: async () => (await import("./list.ts")).listCommand,
  },
  {
    name: "validate",
    summary: "Check scenario files and print each problem as file:line:column: message",
    load: async () => (await import("./validate.ts")).validateCommand,
  },
  {
    name: "run",
    summary: "run a scenario and judge it against its thresholds",
    load: async () => (await import("./run.ts")).runCommand,
  },
  {
    name: "report",
    summary: "re-render report.md, report.html, junit.xml and charts from a result.json",
    load: async () => (await import("./report.ts")).reportCommand,
  },
  {
    name: "compare",
    summary: "compare runs against a baseline; exit 1 on a significant regression",
    load: async () => (await import("./compare.ts")).compareCommand,
  },
  {
    name: "ab",
    summary: "compare two builds of a service on this runner, interleaved A B A B, with an A/A check",
    load: async () => (await import("./ab.ts")).abCommand,
  },
  {
    name: "service",
    summary: "Run the reference database service (NATS → SQLite) until stopped",
    load: async () => (await import("./service.ts")).serviceCommand,
  },
  {
    name: "init",
    summary: "Scaffold a first scenario and a GitHub Actions workflow in a project",
    load: async () => (await import("./init.ts")).initCommand,
  },
];
