// `npm start`: runs the built app (dist/main.js). dist/ is built on `npm install` / `npm ci` (the
// `prepare` script); when the sources are newer (an edit, a branch switch) it is built again first, in
// about a second, and this says so.
import { build, staleReason } from "./build.mjs";

const stale = await staleReason();
if (stale) {
  process.stderr.write(`dist/ wordt opnieuw gebouwd (${stale}) …\n`);
  await build(undefined, { template: "reuse" });
}
await import("../dist/main.js");
