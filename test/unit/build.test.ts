import { cp, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, staleReason, TEMPLATE } from "../../scripts/build.mjs";
import { REPO_ROOT } from "../support/spawn-app.js";

// A project of its own inside the repository (so that esbuild and PGlite resolve from its node_modules).
describe("the build behind npm start", () => {
  let root: string;
  const file = (...parts: string[]) => path.join(root, ...parts);
  beforeAll(async () => {
    await mkdir(path.join(REPO_ROOT, "test-output"), { recursive: true });
    root = await mkdtemp(path.join(REPO_ROOT, "test-output", "build-"));
    await writeFile(file("package.json"), JSON.stringify({ type: "module" }));
    await cp(path.join(REPO_ROOT, "src", "db", "migrations"), file("src", "db", "migrations"), {
      recursive: true,
    });
    await writeFile(file("src", "answer.ts"), "export const answer: number = 42;\n");
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("builds dist/ with a migrated database template, and knows when the sources moved on", async () => {
    expect(await staleReason(root)).toBe("er is nog geen build");

    await build(root);
    expect(await staleReason(root)).toBeUndefined();
    const built = (await import(pathToFileURL(file("dist", "answer.js")).href)) as { answer: number };
    expect(built.answer).toBe(42);
    expect(await readFile(file("dist", "db", "migrations", "0000_foundation.sql"), "utf8")).toBe(
      await readFile(file("src", "db", "migrations", "0000_foundation.sql"), "utf8"),
    );

    // The template is an empty database with every migration of the journal applied.
    const journal = JSON.parse(
      await readFile(file("src", "db", "migrations", "meta", "_journal.json"), "utf8"),
    );
    const template = await PGlite.create({ loadDataDir: new Blob([await readFile(file("dist", TEMPLATE))]) });
    try {
      const applied = await template.query<{ n: number }>(
        "select count(*)::int as n from drizzle.__drizzle_migrations",
      );
      expect(applied.rows[0]?.n).toBe(journal.entries.length);
      const regions = await template.query<{ n: number }>("select count(*)::int as n from regions");
      expect(regions.rows[0]?.n).toBe(0);
    } finally {
      await template.close();
    }

    // An edit: stale; a rebuild at start-up keeps the template (same PGlite) and is current again.
    const templateBefore = await readFile(file("dist", TEMPLATE));
    const later = new Date(Date.now() + 60_000);
    await utimes(file("src", "answer.ts"), later, later);
    expect(await staleReason(root)).toBe("de broncode is gewijzigd sinds de laatste build");
    await build(root, { template: "reuse" });
    expect(await staleReason(root)).toBeUndefined();
    expect((await readFile(file("dist", TEMPLATE))).equals(templateBefore)).toBe(true);

    // A file added with an old date (a branch switch) counts too.
    await writeFile(file("src", "added.ts"), "export {};\n");
    const earlier = new Date(Date.now() - 86_400_000);
    await utimes(file("src", "added.ts"), earlier, earlier);
    expect(await staleReason(root)).toBe("er zijn bronbestanden bijgekomen of verdwenen");
  }, 120_000);
});
