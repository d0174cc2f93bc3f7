// Builds dist/ from src/ for `npm start`, so production code is not transpiled at every start.
// Plain JavaScript on purpose: it runs before anything is built, without tsx.
// esbuild transpiles file by file (no bundling), as tsx does at run time, so dist/ behaves exactly like
// `node --import tsx src/…` and paths next to a module (migrations, page assets, ../../seed) still resolve.
// Types are not checked here (nor were they by tsx): that is `npm run typecheck`.
//
// It also makes dist/pglite-template.tar.gz: an empty embedded database with every migration applied. A first
// start copies it into the data folder instead of having PGlite run initdb and then migrating (that takes
// about three times as long), so the one-off cost is paid here, at npm install, once.
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));
const STAMP = ".build.json";
export const TEMPLATE = "pglite-template.tar.gz";

/** Every file under `src`, as sorted relative paths, with the newest modification time among them. */
async function sources(root) {
  const srcDir = path.join(root, "src");
  const entries = await readdir(srcDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(srcDir, path.join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
  let newest = 0;
  let newestMigration = 0;
  for (const file of files) {
    const changed = (await stat(path.join(srcDir, file))).mtimeMs;
    newest = Math.max(newest, changed);
    if (migrationsOf([file]).length) newestMigration = Math.max(newestMigration, changed);
  }
  return { files, newest, newestMigration };
}

/**
 * Why dist/ must be built again, or undefined when it is up to date: missing, or a source file that is
 * newer than the build, added or removed since (a branch switch, an edit).
 */
export async function staleReason(root = REPO_ROOT) {
  const stamp = await readFile(path.join(root, "dist", STAMP), "utf8").then(JSON.parse, () => undefined);
  if (!stamp) return "er is nog geen build";
  if (stamp.template?.pglite !== pgliteVersion(root)) return "PGlite is bijgewerkt";
  const now = await sources(root);
  if (now.newest > stamp.newest) return "de broncode is gewijzigd sinds de laatste build";
  if (now.files.join("\n") !== stamp.files.join("\n")) return "er zijn bronbestanden bijgekomen of verdwenen";
  return undefined;
}

/** The installed PGlite's version: a template made by another version is not used. */
function pgliteVersion(root) {
  // Its package.json is not among its exports: walk up from its entry point.
  let folder = path.dirname(createRequire(path.join(root, "package.json")).resolve("@electric-sql/pglite"));
  for (;;) {
    const file = path.join(folder, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8"));
      if (manifest.name === "@electric-sql/pglite") return manifest.version;
    }
    if (path.dirname(folder) === folder) throw new Error("@electric-sql/pglite has no package.json");
    folder = path.dirname(folder);
  }
}

const migrationsOf = (files) => files.filter((file) => file.startsWith(`db${path.sep}migrations${path.sep}`));

/** The template of the current dist/ if it can be kept: same PGlite, and (`exact`) the same migrations. */
async function reusableTemplate(root, seen, exact) {
  const dist = path.join(root, "dist");
  const stamp = await readFile(path.join(dist, STAMP), "utf8").then(JSON.parse, () => undefined);
  const template = stamp?.template;
  if (!template || template.pglite !== pgliteVersion(root)) return undefined;
  if (exact && template.migrations.join("\n") !== migrationsOf(seen.files).join("\n")) return undefined;
  if (exact && template.newest < seen.newestMigration) return undefined;
  return stat(path.join(dist, TEMPLATE)).then(
    () => template,
    () => undefined,
  );
}

/** An in-memory PGlite, migrated with the migrations in `staging`, dumped to `staging/TEMPLATE`. */
async function makeTemplate(root, staging, seen) {
  const require = createRequire(path.join(root, "package.json"));
  const { PGlite } = await import(require.resolve("@electric-sql/pglite"));
  const { drizzle } = await import(require.resolve("drizzle-orm/pglite"));
  const { migrate } = await import(require.resolve("drizzle-orm/pglite/migrator"));
  const client = await PGlite.create();
  try {
    await migrate(drizzle(client), { migrationsFolder: path.join(staging, "db", "migrations") });
    const dump = await client.dumpDataDir("gzip");
    await writeFile(path.join(staging, TEMPLATE), Buffer.from(await dump.arrayBuffer()));
  } finally {
    await client.close();
  }
  return { pglite: pgliteVersion(root), migrations: migrationsOf(seen.files), newest: seen.newestMigration };
}

/**
 * Builds src/ into dist/: TypeScript transpiled to ES modules, every other file copied as it is, and the
 * database template. `template: "reuse"` (a rebuild at start-up) keeps the current template whenever PGlite is
 * the same version, because migrating it at first start applies any newer migrations anyway; a full build
 * makes it again when the migrations changed.
 */
export async function build(root = REPO_ROOT, options = { template: "exact" }) {
  const seen = await sources(root);
  // Built next to dist/ and swapped in at the end, so a process starting meanwhile never sees half a build.
  const staging = path.join(root, `dist.building-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    await buildInto(root, staging, seen, options);
    const dist = path.join(root, "dist");
    const old = path.join(root, `dist.old-${process.pid}`);
    await rename(dist, old).catch((error) => {
      if (error.code !== "ENOENT") throw error;
    });
    // Another build (a second npm start at the same moment) may have put its dist/ in place meanwhile: it
    // was built from the same sources, so this one is dropped.
    await rename(staging, dist).catch((error) => {
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
    });
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function buildInto(root, staging, seen, options) {
  const { build: transpile } = await import("esbuild");
  const typescript = seen.files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"));
  await transpile({
    absWorkingDir: root,
    entryPoints: typescript.map((file) => path.join("src", file)),
    outdir: staging,
    outbase: "src",
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error",
  });
  for (const file of seen.files.filter((f) => !f.endsWith(".ts"))) {
    await mkdir(path.dirname(path.join(staging, file)), { recursive: true });
    await copyFile(path.join(root, "src", file), path.join(staging, file));
  }
  const dist = path.join(root, "dist");
  const kept = await reusableTemplate(root, seen, options.template === "exact");
  if (kept) await copyFile(path.join(dist, TEMPLATE), path.join(staging, TEMPLATE));
  const template = kept ?? (await makeTemplate(root, staging, seen));
  await writeFile(
    path.join(staging, STAMP),
    JSON.stringify({ newest: seen.newest, files: seen.files, template }),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await build();
  console.log(`dist/ gebouwd uit src/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
