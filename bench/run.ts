import { benchCliWaveOpen } from "./cli-wave-open.js";
import { benchImport } from "./import.js";
import { benchSlackAck } from "./slack-ack.js";
import { benchSlackFanout } from "./slack-fanout.js";
import { benchStartup } from "./startup.js";
import { benchVenster } from "./venster.js";

/**
 * Benchmarks print numbers; they assert nothing. PGlite always; PostgreSQL too when DATABASE_URL points at a
 * server (each run creates and drops its own database there). A benchmark that fails prints one error line
 * and the others still run.
 */
const only = process.argv.slice(2);
async function run(name: string, bench: () => Promise<void>): Promise<void> {
  // `npm run bench -- fanout ack` runs only the benchmarks whose name contains one of the words.
  if (only.length && !only.some((word) => name.includes(word))) return;
  try {
    await bench();
  } catch (error) {
    console.error(
      `[${name}] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  }
}

console.log(`Regiotafel benchmarks — node ${process.version}, ${new Date().toISOString()}`);
await run("startup", benchStartup);
await run("import PGlite", () => benchImport(undefined));
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) await run("import PostgreSQL", () => benchImport(serverUrl));
await run("slack-ack PGlite", () => benchSlackAck(undefined));
if (serverUrl) await run("slack-ack PostgreSQL", () => benchSlackAck(serverUrl));
for (const scenario of ["no faults", "429 storm + 5xx burst"] as const) {
  await run(`slack-fanout PGlite, ${scenario}`, () => benchSlackFanout(undefined, scenario));
  if (serverUrl)
    await run(`slack-fanout PostgreSQL, ${scenario}`, () => benchSlackFanout(serverUrl, scenario));
}
// The CLI next to a running bot: PostgreSQL only (the CLI cannot open PGlite while the bot has it).
await run("cli wave open PostgreSQL", () => benchCliWaveOpen(serverUrl));
// The venster page against one SQL aggregate: PostgreSQL only (DATABASE_URL, or a throwaway database on 127.0.0.1).
await run("venster PostgreSQL", () => benchVenster(serverUrl));
