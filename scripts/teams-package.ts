import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildPackage, PackageError, packageValues } from "./teams-package-lib.js";

/**
 * `npm run teams:package [-- <output.zip>]`: the Teams app package, for uploading in Teams. Fills in
 * MICROSOFT_APP_ID and the host of PUBLIC_URL, checks the manifest against the command parser and the icon
 * sizes, and writes dist/regiotafel-teams.zip (or the given path). Exit code 2: a missing or invalid variable;
 * 1: the manifest or icons fail a check.
 */

const root = fileURLToPath(new URL("../", import.meta.url));
const source = (file: string) => readFileSync(path.join(root, "manifest/teams", file));

const values = packageValues(process.env);
if (!values.ok) {
  console.error(values.message);
  process.exit(2);
}

const output = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, "dist/regiotafel-teams.zip");
try {
  const zip = buildPackage(
    {
      manifest: source("manifest.json").toString("utf8"),
      localisation: source("en.json").toString("utf8"),
      color: source("color.png"),
      outline: source("outline.png"),
    },
    values.values,
  );
  mkdirSync(path.dirname(output), { recursive: true });
  writeFileSync(output, zip);
  console.log(output);
} catch (error) {
  if (!(error instanceof PackageError)) throw error;
  console.error(`Het Teams-app-pakket is niet gemaakt:\n${error.problems.map((p) => `- ${p}`).join("\n")}`);
  process.exit(1);
}
