// The floor of the start-up benchmark: what PGlite itself takes to create (or open) a database in a folder
// and answer a query, in a process of its own, as the app's start does. Plain JavaScript, so no loader
// costs anything here either.
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";

await mkdir(process.argv[2], { recursive: true });
const database = await PGlite.create(process.argv[2]);
await database.query("select 1");
process.stdout.write("ready\n");
await database.close();
