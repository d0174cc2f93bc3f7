import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueKey } from "../support/factories.js";
import { spawnEntryPoint } from "../support/spawn-app.js";

// The rounds CLI as an operator uses it, against the run's database (a PGlite folder, or DATABASE_URL).
describe("npm run cli -- wave", () => {
  let folder: string;
  const cli = async (...args: string[]) => {
    const run = spawnEntryPoint("src/cli/main.ts", args, {
      ...process.env,
      DATA_DIR: path.join(folder, "data"),
    });
    const code = await run.exited;
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  };

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "regiotafel-cli-waves-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("creates, opens, reports and closes a round", async () => {
    const region = uniqueKey("cli-regio");
    await writeFile(
      path.join(folder, "regios.csv"),
      `slug,naam,soort,gemeenten\n${region},Regio ${region},hlz,${uniqueKey("Gem")}\n`,
    );
    await writeFile(
      path.join(folder, "mensen.csv"),
      [
        "email,naam,organisatie,organisatietype,regio,rol",
        `${uniqueKey("a")}@x.example,Anne,Gemeente ${region},gemeente,${region},ambtelijk`,
        `${uniqueKey("b")}@x.example,Bert,Verzekeraar ${region},zorgverzekeraar,${region},ambtelijk`,
      ].join("\n"),
    );
    expect((await cli("import", "regions", path.join(folder, "regios.csv"))).code).toBe(0);
    expect((await cli("import", "people", path.join(folder, "mensen.csv"))).code).toBe(0);

    const name = uniqueKey("Venster 2027");
    const created = await cli(
      "wave",
      "create",
      "--survey",
      "venster",
      "--name",
      name,
      "--opens",
      "2026-01-05",
      "--closes",
      "2099-02-05 17:00",
    );
    expect(created).toMatchObject({ code: 0, stderr: "" });
    expect(created.stdout).toContain(
      `Ronde "${name}" aangemaakt: open 5 januari 2026 om 09:00, sluit 5 februari 2099 om 17:00.`,
    );

    const opened = await cli("wave", "open", name);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toMatch(
      new RegExp(
        `Ronde "${name}" is open: \\d+ uitnodigingen klaargezet. Herinneringen: 29 januari 2099 om 17:00; 3 februari 2099 om 17:00.`,
      ),
    );

    const again = await cli("wave", "open", name);
    expect(again).toMatchObject({ code: 1, stderr: `Ronde "${name}" is al geopend.\n` });

    const status = await cli("wave", "status", name);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(
      "soort            uitgenodigd  afgeleverd  ingevuld  onbestelbaar  onbereikbaar",
    );
    expect(status.stdout).toMatch(/zorgverzekeraar +[1-9]\d* +0 +0 +0 +0/);

    const closed = await cli("wave", "close", name);
    expect(closed).toMatchObject({
      code: 0,
      stdout: `Ronde "${name}" is gesloten; de samenvattingen worden geplaatst.\n`,
    });
  });

  it("explains bad input in Dutch", async () => {
    const unknownSurvey = await cli(
      "wave",
      "create",
      "--survey",
      "tevredenheid",
      "--name",
      "x",
      "--opens",
      "2027-01-01",
      "--closes",
      "2027-02-01",
    );
    expect(unknownSurvey).toMatchObject({
      code: 1,
      stderr: 'Vragenlijst "tevredenheid" bestaat niet (kies venster of evaluatie).\n',
    });
    const badDate = await cli(
      "wave",
      "create",
      "--survey",
      "venster",
      "--name",
      "x",
      "--opens",
      "morgen",
      "--closes",
      "2027-02-01",
    );
    expect(badDate.stderr).toBe(
      '"morgen" is geen datum; gebruik bijvoorbeeld 2027-01-14 of "14-01-2027 17:00".\n',
    );
    const missing = await cli("wave", "status", uniqueKey("bestaat-niet"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Ronde ".*" bestaat niet\.\n$/);
  });
});
