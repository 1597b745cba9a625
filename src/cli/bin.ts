/**
 * The executable entry: `deno run -A src/cli/bin.ts` or `bin/busmark.js` on Node.
 * @module
 */
import { commandArgs, exitNow } from "../runtime/host.ts";
import { main } from "./main.ts";

exitNow(await main(commandArgs()));
