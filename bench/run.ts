import { benchImport } from "./import.js";
import { benchStartup } from "./startup.js";

/**
 * Benchmarks print numbers; they assert nothing. PGlite always; PostgreSQL too when DATABASE_URL points at a
 * server (each run creates and drops its own database there).
 */
console.log(`Regiotafel benchmarks — node ${process.version}, ${new Date().toISOString()}`);
await benchStartup();
await benchImport(undefined);
if (process.env.DATABASE_URL) await benchImport(process.env.DATABASE_URL);
