import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildPackage,
  checkCommandLists,
  checkFiles,
  checkTexts,
  knownCommandWords,
  PackageError,
  type PackageSources,
  packageValues,
} from "../../scripts/teams-package-lib.js";
import { teamsCommandMenu } from "../../src/bot/teams/manifest-commands.js";
import {
  COMMAND_GROUP,
  COMMAND_GROUPS,
  commandGroupOf,
  parseCommand,
} from "../../src/domain/commands/parse-command.js";
import type { Locale } from "../../src/domain/vocabulary.js";
import { bareEnvironment, REPO_ROOT, spawnEntryPoint } from "../support/spawn-app.js";

const TEAMS = path.join(REPO_ROOT, "manifest/teams");
const APP_ID = "6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab";

// Every command of the parser's Command type has a top-level word (COMMAND_GROUP is a Record over the names,
// so a new command without one fails the typecheck); the menus list those words.
const ALL_GROUPS = new Set(Object.values(COMMAND_GROUP));

type CommandEntry = { title: string; description: string };
type Manifest = {
  [key: string]: unknown;
  id: string;
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: CommandEntry[] }[] }[];
  validDomains: string[];
};

let manifestText: string;
let localisationText: string;
let manifest: Manifest;
let en: Record<string, string>;
let sources: PackageSources;

beforeAll(async () => {
  manifestText = await readFile(path.join(TEAMS, "manifest.json"), "utf8");
  localisationText = await readFile(path.join(TEAMS, "en.json"), "utf8");
  manifest = JSON.parse(manifestText);
  en = JSON.parse(localisationText);
  sources = {
    manifest: manifestText,
    localisation: localisationText,
    color: await readFile(path.join(TEAMS, "color.png")),
    outline: await readFile(path.join(TEAMS, "outline.png")),
  };
});

/** Accepted: parsed, or only missing its argument (`koppel` alone answers its usage, not "unknown"). */
function accepted(title: string, locale: Locale): boolean {
  const parsed = parseCommand(title, locale, { today: "2027-01-14" });
  return parsed.ok || new RegExp(`^${locale === "en" ? "Usage" : "Gebruik"}:`, "m").test(parsed.message);
}

const meaning = (title: string) => commandGroupOf(title);

describe("manifest/teams/manifest.json", () => {
  it("has the required fields of schema 1.19, with placeholders for the ids and the host", () => {
    expect(manifest.$schema).toBe(
      "https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.schema.json",
    );
    expect(manifest.manifestVersion).toBe("1.19");
    for (const field of ["version", "id", "developer", "name", "description", "icons", "accentColor"]) {
      expect(manifest, field).toHaveProperty(field);
    }
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.accentColor).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(manifest.id).toBe("{{MICROSOFT_APP_ID}}");
    expect(manifest.bots[0]?.botId).toBe("{{MICROSOFT_APP_ID}}");
    expect(manifest.validDomains).toEqual(["{{PUBLIC_HOST}}"]);
    const developer = manifest.developer as Record<string, string>;
    expect(developer.name).toBe("Regiotafel");
    for (const url of ["websiteUrl", "privacyUrl", "termsOfUseUrl"]) {
      expect(developer[url]).toMatch(/^https:\/\/\{\{PUBLIC_HOST\}\}\//);
    }
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
    expect(manifest.permissions).toEqual(["identity", "messageTeamMembers"]);
    expect(manifest.bots[0]?.scopes).toEqual(["personal", "team", "groupChat"]);
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: "nl-nl",
      additionalLanguages: [{ languageTag: "en", file: "en.json" }],
    });
    expect(checkFiles(manifest)).toEqual([]);
  });

  it("keeps names and descriptions within the schema's lengths, in Dutch and in English", () => {
    expect(checkTexts(manifest, en)).toEqual([]);
    expect(en.$schema).toBe(
      "https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.Localization.schema.json",
    );
    for (const list of manifest.bots[0]?.commandLists ?? []) {
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
    const localisedCommands = Object.entries(en).filter(([key]) => key.startsWith("bots[0]."));
    expect(localisedCommands.length).toBeGreaterThan(0);
    for (const [key, text] of localisedCommands) {
      expect(key).toMatch(/^bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.(title|description)$/);
      expect(text.length).toBeLessThanOrEqual(key.endsWith(".title") ? 32 : 128);
    }
  });

  it("lists for personal and team use exactly the commands parseCommand knows, in both languages", () => {
    const lists = manifest.bots[0]?.commandLists ?? [];
    expect(lists.map((l) => l.scopes)).toEqual([["personal"], ["team"]]);
    expect(knownCommandWords("nl")).toEqual([
      "help",
      "overleg",
      "agenda",
      "afspraken",
      "onderwerpen",
      "overdracht",
      "hulpvraag",
      "koppel",
      "samenvatting",
    ]);
    expect(knownCommandWords("en")).toEqual([
      "help",
      "meeting",
      "agenda",
      "agreements",
      "topics",
      "handover",
      "support",
      "bind",
      "summary",
    ]);
    expect(new Set(COMMAND_GROUPS)).toEqual(ALL_GROUPS);
    lists.forEach((list, i) => {
      const dutch = list.commands.map((c) => c.title);
      const english = list.commands.map(
        (_, j) => en[`bots[0].commandLists[${i}].commands[${j}].title`] ?? "",
      );
      for (const title of dutch) expect(accepted(title, "nl"), title).toBe(true);
      for (const title of english) expect(accepted(title, "en"), title).toBe(true);
      expect(new Set(dutch)).toEqual(new Set(knownCommandWords("nl")));
      expect(new Set(english)).toEqual(new Set(knownCommandWords("en")));
      // The same place means the same command in both languages, and together they are all commands.
      expect(english.map(meaning)).toEqual(dutch.map(meaning));
      expect(new Set(dutch.map(meaning))).toEqual(ALL_GROUPS);
      // Teams shows at most 10 commands per list.
      expect(list.commands.length).toBeLessThanOrEqual(10);
      list.commands.forEach((_, j) => {
        expect(en[`bots[0].commandLists[${i}].commands[${j}].description`]).toBeTruthy();
      });
    });
    expect(checkCommandLists(manifest, en)).toEqual([]);
  });

  it("says in both menus, in both languages, exactly what the command registry says (npm run manifests)", () => {
    for (const [i, list] of (manifest.bots[0]?.commandLists ?? []).entries()) {
      expect(list.commands).toEqual(teamsCommandMenu("nl"));
      const english = list.commands.map((_, j) => ({
        title: en[`bots[0].commandLists[${i}].commands[${j}].title`],
        description: en[`bots[0].commandLists[${i}].commands[${j}].description`],
      }));
      expect(english).toEqual(teamsCommandMenu("en"));
    }
    // Placeholders that Teams shows as typed: no angle brackets anywhere in what people read.
    expect(manifestText).not.toMatch(/[<>]/);
    expect(localisationText).not.toMatch(/[<>]/);
    for (const word of knownCommandWords("nl"))
      expect(manifest.description).toMatchObject({ full: expect.stringContaining(word) });
  });

  it("the package check refuses a menu description that drifted from the registry", () => {
    const drifted = structuredClone(manifest);
    const agenda = drifted.bots[0]?.commandLists[1]?.commands[2];
    if (agenda) agenda.description = "Agenda: agenda add <tekst>";
    expect(checkCommandLists(drifted, en).join("\n")).toMatch(
      /commandLists\[1\]\.commands\[2\]: de beschrijving wijkt af van het commandoregister/,
    );
    const english = { ...en, "bots[0].commandLists[0].commands[6].description": "Support: support <text>" };
    expect(checkCommandLists(manifest, english).join("\n")).toMatch(
      /en\.json bots\[0\]\.commandLists\[0\]\.commands\[6\]: de beschrijving wijkt af/,
    );
  });

  it("the command check names a missing command and an English title that means another command", () => {
    const trimmed = structuredClone(manifest);
    trimmed.bots[0]?.commandLists[1]?.commands.pop();
    expect(checkCommandLists(trimmed, en).join("\n")).toMatch(
      /commandLists\[1\]: het commando "samenvatting"/,
    );

    const swapped = {
      ...en,
      "bots[0].commandLists[0].commands[7].title": "summary",
      "bots[0].commandLists[0].commands[8].title": "bind",
    };
    expect(checkCommandLists(manifest, swapped).join("\n")).toMatch(
      /"summary" is een ander commando dan "koppel"/,
    );

    const unknown = structuredClone(manifest);
    const help = unknown.bots[0]?.commandLists[0]?.commands[0];
    if (help) help.title = "afmelden";
    expect(checkCommandLists(unknown, en).join("\n")).toMatch(/"afmelden" kent de parser niet/);

    const crowded = structuredClone(manifest);
    const personal = crowded.bots[0]?.commandLists[0];
    if (personal)
      personal.commands.push(personal.commands[0] as CommandEntry, personal.commands[1] as CommandEntry);
    expect(checkCommandLists(crowded, en).join("\n")).toMatch(/commandLists\[0\]: meer dan 10 commando's/);
  });
});

type Png = { width: number; height: number; colourType: number; pixels: Uint8Array };

/** Decodes an 8-bit RGBA or RGB PNG without interlacing: enough to look at Teams icons. */
function decodePng(bytes: Uint8Array): Png {
  const buffer = Buffer.from(bytes);
  expect([...buffer.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let header: Buffer | undefined;
  const data: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString("latin1", offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") header = body;
    if (type === "IDAT") data.push(body);
    offset += 12 + length;
  }
  if (!header) throw new Error("no IHDR");
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [bitDepth = 0, colourType = 0, , , interlace = 0] = header.subarray(8, 13);
  expect(bitDepth).toBe(8);
  expect(interlace).toBe(0);
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : Number.NaN;
  expect(channels, `colour type ${colourType}`).not.toBeNaN();
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter ?? 0] ?? 0;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, colourType, pixels };
}

describe("manifest/teams icons", () => {
  it("color.png is a 192×192 full-colour icon", () => {
    const png = decodePng(sources.color);
    expect([png.width, png.height]).toEqual([192, 192]);
    const channels = png.colourType === 6 ? 4 : 3;
    const colours = new Set<string>();
    for (let i = 0; i < png.pixels.length; i += channels)
      colours.add(png.pixels.subarray(i, i + 3).join(","));
    expect(colours.size).toBeGreaterThan(1);
  });

  it("outline.png is 32×32, only white on transparent", () => {
    const png = decodePng(sources.outline);
    expect([png.width, png.height]).toEqual([32, 32]);
    expect(png.colourType).toBe(6);
    let visible = 0;
    let transparent = 0;
    for (let i = 0; i < png.pixels.length; i += 4) {
      const [r, g, b, a] = png.pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else {
        visible++;
        expect([r, g, b], `pixel ${i / 4}`).toEqual([255, 255, 255]);
      }
    }
    expect(visible).toBeGreaterThan(0);
    expect(transparent).toBeGreaterThan(0);
  });
});

describe("Teams app package", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "regiotafel-teams-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  function checkZip(zip: Uint8Array) {
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(["color.png", "en.json", "manifest.json", "outline.png"]);
    const packed = JSON.parse(Buffer.from(files["manifest.json"] as Uint8Array).toString("utf8"));
    expect(packed.id).toBe(APP_ID);
    expect(packed.bots[0].botId).toBe(APP_ID);
    expect(packed.validDomains).toEqual(["regiotafel.example.nl"]);
    expect(packed.developer.privacyUrl).toBe("https://regiotafel.example.nl/privacy");
    expect(Buffer.from(files["manifest.json"] as Uint8Array).toString("utf8")).not.toContain("{{");
    expect(Buffer.from(files["color.png"] as Uint8Array).equals(Buffer.from(sources.color))).toBe(true);
    expect(Buffer.from(files["outline.png"] as Uint8Array).equals(Buffer.from(sources.outline))).toBe(true);
    expect(JSON.parse(Buffer.from(files["en.json"] as Uint8Array).toString("utf8"))).toEqual(en);
  }

  it("builds a zip with manifest.json, en.json and both icons at its root, ids filled in", () => {
    const values = packageValues({ MICROSOFT_APP_ID: APP_ID, PUBLIC_URL: "https://regiotafel.example.nl/" });
    if (!values.ok) throw new Error(values.message);
    expect(values.values).toEqual({ appId: APP_ID, host: "regiotafel.example.nl" });
    checkZip(buildPackage(sources, values.values));
  });

  it("refuses icons of the wrong size and a broken command list", () => {
    const values = { appId: APP_ID, host: "regiotafel.example.nl" };
    const wrong = { ...sources, color: sources.outline };
    expect(() => buildPackage(wrong, values)).toThrow(/color\.png is 32×32, Teams verlangt 192×192/);
    const broken = { ...sources, localisation: localisationText.replace('"summary"', '"samenvatting"') };
    expect(() => buildPackage(broken, values)).toThrow(PackageError);
  });

  it("refuses a missing or invalid MICROSOFT_APP_ID or PUBLIC_URL with one Dutch line", () => {
    expect(packageValues({ PUBLIC_URL: "https://regiotafel.example.nl" })).toEqual({
      ok: false,
      message:
        "Ongeldige configuratie: MICROSOFT_APP_ID verwacht de app-id (een GUID) van de Azure Bot-registratie (nu: niet gezet).",
    });
    expect(packageValues({ MICROSOFT_APP_ID: "", PUBLIC_URL: "https://x.nl" })).toMatchObject({ ok: false });
    expect(packageValues({ MICROSOFT_APP_ID: "abc", PUBLIC_URL: "https://x.nl" })).toMatchObject({
      message: expect.stringContaining(
        'MICROSOFT_APP_ID verwacht de app-id (een GUID) van de Azure Bot-registratie (nu: "abc")',
      ),
    });
    expect(packageValues({ MICROSOFT_APP_ID: APP_ID })).toMatchObject({
      message: expect.stringMatching(/^Ongeldige configuratie: PUBLIC_URL verwacht/),
    });
    expect(packageValues({ MICROSOFT_APP_ID: APP_ID, PUBLIC_URL: "http://localhost:3978" })).toMatchObject({
      ok: false,
    });
  });

  it("the script exits 2 with that line without MICROSOFT_APP_ID, and writes the zip with it", async () => {
    const output = path.join(folder, "regiotafel-teams.zip");
    const refused = spawnEntryPoint(
      "scripts/teams-package.ts",
      [output],
      bareEnvironment({ PUBLIC_URL: "https://regiotafel.example.nl" }),
    );
    expect(await refused.exited).toBe(2);
    expect(refused.stderr().trim().split("\n")).toEqual([
      "Ongeldige configuratie: MICROSOFT_APP_ID verwacht de app-id (een GUID) van de Azure Bot-registratie (nu: niet gezet).",
    ]);
    expect(refused.stdout()).toBe("");

    const built = spawnEntryPoint(
      "scripts/teams-package.ts",
      [output],
      bareEnvironment({ MICROSOFT_APP_ID: APP_ID, PUBLIC_URL: "https://regiotafel.example.nl" }),
    );
    expect(await built.exited).toBe(0);
    expect(built.stdout().trim()).toBe(output);
    checkZip(await readFile(output));
  });
});
