import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueKey } from "../support/factories.js";
import { spawnEntryPoint } from "../support/spawn-app.js";

// The admin CLI as an operator runs it: real process, real files, the run's database (PGlite folder or DATABASE_URL).
describe("npm run cli -- import", () => {
  let folder: string;
  const env = () => ({ ...process.env, DATA_DIR: path.join(folder, "data") });
  const cli = (...args: string[]) => spawnEntryPoint("src/cli/main.ts", args, env());

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "regiotafel-cli-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("imports a regions file, then reports nothing changed on the second run", async () => {
    const file = path.join(folder, "regios.csv");
    const [a, b] = [uniqueKey("cli"), uniqueKey("cli")];
    await writeFile(
      file,
      `slug;naam;soort;gemeenten\n${a};Regio ${a};hlz;${uniqueKey("Gem")}\n${b};Regio ${b};hlz;${uniqueKey("Gem")}\n`,
    );

    const first = cli("import", "regions", file);
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toBe(`${file}: regio's 2 toegevoegd, 0 gewijzigd, 0 ongewijzigd.\n`);

    const second = cli("import", "regions", file);
    expect(await second.exited).toBe(0);
    expect(second.stdout()).toBe(`${file}: regio's 0 toegevoegd, 0 gewijzigd, 2 ongewijzigd.\n`);
  });

  it("prints file:line: reason for each bad row and exits 1", async () => {
    const file = path.join(folder, "mensen.yaml");
    await writeFile(
      file,
      "- email: kapot\n  name: Kapot\n  organisation: Gemeente Kapot\n  organisation_type: gemeente\n  region: x\n  role: baas\n",
    );
    const run = cli("import", "people", file);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toBe(
      `${file}:1: e-mail is geen geldig e-mailadres; rol moet een van deze zijn: bestuurlijk, ambtelijk; ` +
        `regio "x" bestaat niet (gebruik de slug of naam van een geïmporteerde regio)\n` +
        `Niets uit ${file} is opgeslagen: verbeter de regels hierboven en importeer opnieuw.\n`,
    );
  });

  it("answers an unknown file type, a missing file and a wrong command in Dutch", async () => {
    const xlsx = cli("import", "people", "lijst.xlsx");
    expect(await xlsx.exited).toBe(1);
    expect(xlsx.stderr()).toBe("lijst.xlsx: onbekend bestandstype; gebruik .csv, .yaml of .yml\n");
    const missing = cli("import", "regions", path.join(folder, "bestaat-niet.csv"));
    expect(await missing.exited).toBe(1);
    expect(missing.stderr()).toContain("bestand niet gevonden of niet leesbaar");
    const wrong = cli("importeer", "alles");
    expect(await wrong.exited).toBe(1);
    expect(wrong.stderr()).toBe("Fout: onbekend commando. Gebruik --help voor de mogelijkheden.\n");
  });
});
