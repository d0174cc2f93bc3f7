import { strToU8, zipSync } from "fflate";
import { teamsCommandMenu } from "../src/bot/teams/manifest-commands.js";
import {
  COMMAND_GROUPS,
  type CommandGroup,
  commandGroupOf,
  commandWord,
} from "../src/domain/commands/parse-command.js";
import type { Locale } from "../src/domain/vocabulary.js";

/**
 * The pure half of `scripts/teams-package.ts`: fill in the placeholders of `manifest/teams/`, check the result
 * and zip it. Problems are Dutch sentences for the administrator who runs `npm run teams:package`.
 */

export const APP_ID_PLACEHOLDER = "{{MICROSOFT_APP_ID}}";
export const HOST_PLACEHOLDER = "{{PUBLIC_HOST}}";

/** Teams' icon sizes: a full-colour 192×192 and a white-on-transparent 32×32 outline. */
export const ICON_SIZES = { "color.png": 192, "outline.png": 32 } as const;

/** The name and description lengths of schema 1.19 (the manifest and its localisation files alike). */
export const TEXT_LIMITS = {
  "name.short": 30,
  "name.full": 100,
  "description.short": 80,
  "description.full": 4000,
};
export const COMMAND_TITLE_MAX = 32;
export const COMMAND_DESCRIPTION_MAX = 128;
/** Teams shows at most this many commands per command list. */
export const COMMAND_LIST_MAX = 10;

// The pattern of schema 1.19's guid definition.
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

export type PackageValues = { appId: string; host: string };

export type PackageSources = {
  manifest: string;
  localisation: string;
  color: Uint8Array;
  outline: Uint8Array;
};

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "PackageError";
  }
}

/** The two values from the environment, or the one Dutch line that names what is wrong. */
export function packageValues(
  env: Record<string, string | undefined>,
): { ok: true; values: PackageValues } | { ok: false; message: string } {
  const appId = env.MICROSOFT_APP_ID || undefined;
  if (!appId || !GUID.test(appId)) {
    return {
      ok: false,
      message: `Ongeldige configuratie: MICROSOFT_APP_ID verwacht de app-id (een GUID) van de Azure Bot-registratie (nu: ${shown(appId)}).`,
    };
  }
  const publicUrl = env.PUBLIC_URL || undefined;
  const host = httpsHost(publicUrl);
  if (!host) {
    return {
      ok: false,
      message: `Ongeldige configuratie: PUBLIC_URL verwacht de https-URL waarop Regiotafel bereikbaar is, bijvoorbeeld https://regiotafel.example.nl (nu: ${shown(publicUrl)}).`,
    };
  }
  return { ok: true, values: { appId, host } };
}

const shown = (value: string | undefined) => (value === undefined ? "niet gezet" : JSON.stringify(value));

function httpsHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && parsed.host ? parsed.host : undefined;
  } catch {
    return undefined;
  }
}

export function substitute(text: string, values: PackageValues): string {
  return text.replaceAll(APP_ID_PLACEHOLDER, values.appId).replaceAll(HOST_PLACEHOLDER, values.host);
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function checkIcons(icons: Record<keyof typeof ICON_SIZES, Uint8Array>): string[] {
  return Object.entries(ICON_SIZES).flatMap(([file, size]) => {
    const found = pngSize(icons[file as keyof typeof ICON_SIZES]);
    if (!found) return [`${file} is geen PNG.`];
    return found.width === size && found.height === size
      ? []
      : [`${file} is ${found.width}×${found.height}, Teams verlangt ${size}×${size}.`];
  });
}

/**
 * The top-level command words for a language, one per group of commands (`overleg` stands for `overleg plan`,
 * `overleg verplaats` …): what Teams' command menu offers, at most 10 per list.
 */
export function knownCommandWords(locale: Locale): string[] {
  return COMMAND_GROUPS.map((group) => commandWord(group, locale));
}

/** The group of commands a title starts, in any of the parser's spellings. */
export function commandOf(title: string): CommandGroup | undefined {
  return commandGroupOf(title);
}

type Manifest = {
  icons?: { color?: string; outline?: string };
  localizationInfo?: { additionalLanguages?: { languageTag?: string; file?: string }[] };
  name?: { short?: string; full?: string };
  description?: { short?: string; full?: string };
  bots?: { commandLists?: { scopes?: string[]; commands?: { title?: string; description?: string }[] }[] }[];
};

/**
 * Every command list names exactly the parser's top-level command words, in Dutch in the manifest and in
 * English in the localisation file, the English title at each place meaning the same command as the Dutch one.
 */
export function checkCommandLists(manifest: Manifest, localisation: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const lists = manifest.bots?.[0]?.commandLists ?? [];
  if (lists.length === 0) problems.push("manifest.json: bots[0].commandLists ontbreekt.");
  const expected: Record<Locale, string[]> = { nl: knownCommandWords("nl"), en: knownCommandWords("en") };
  if (expected.nl.length > COMMAND_LIST_MAX) {
    problems.push(
      `De parser kent ${expected.nl.length} commando's; Teams toont er per lijst hooguit ${COMMAND_LIST_MAX}.`,
    );
  }
  const usedKeys = new Set<string>();

  lists.forEach((list, i) => {
    const where = `bots[0].commandLists[${i}]`;
    const titles: Record<Locale, string[]> = { nl: [], en: [] };
    if ((list.commands ?? []).length > COMMAND_LIST_MAX) {
      problems.push(
        `manifest.json ${where}: meer dan ${COMMAND_LIST_MAX} commando's; Teams toont er niet meer.`,
      );
    }
    (list.commands ?? []).forEach((command, j) => {
      const key = `${where}.commands[${j}]`;
      const dutch = { title: command.title ?? "", description: command.description ?? "" };
      const titleKey = `${key}.title`;
      const descriptionKey = `${key}.description`;
      usedKeys.add(titleKey).add(descriptionKey);
      problems.push(...lengthProblems(`manifest.json ${key}`, dutch));
      titles.nl.push(dutch.title);
      const meaning = commandOf(dutch.title);
      if (!meaning) problems.push(`manifest.json ${key}: het commando "${dutch.title}" kent de parser niet.`);
      problems.push(...driftProblems(`manifest.json ${key}`, dutch, "nl"));

      const english = { title: localisation[titleKey], description: localisation[descriptionKey] };
      if (typeof english.title !== "string" || typeof english.description !== "string") {
        problems.push(`en.json: ${titleKey} of ${descriptionKey} ontbreekt.`);
        return;
      }
      problems.push(
        ...lengthProblems(`en.json ${key}`, { title: english.title, description: english.description }),
      );
      titles.en.push(english.title);
      problems.push(
        ...driftProblems(`en.json ${key}`, { title: english.title, description: english.description }, "en"),
      );
      const englishMeaning = commandOf(english.title);
      if (!englishMeaning) {
        problems.push(`en.json ${key}: het commando "${english.title}" kent de parser niet.`);
      } else if (meaning && englishMeaning !== meaning) {
        problems.push(`en.json ${key}: "${english.title}" is een ander commando dan "${dutch.title}".`);
      }
    });
    for (const locale of ["nl", "en"] as const) {
      const file = locale === "nl" ? "manifest.json" : "en.json";
      for (const word of expected[locale].filter((w) => !titles[locale].includes(w))) {
        problems.push(`${file} ${where}: het commando "${word}" ontbreekt.`);
      }
      for (const title of titles[locale].filter((t) => !expected[locale].includes(t))) {
        problems.push(
          `${file} ${where}: "${title}" staat niet in de help van de parser (${expected[locale].join(", ")}).`,
        );
      }
    }
  });

  for (const key of Object.keys(localisation).filter((k) => k.startsWith("bots[") && !usedKeys.has(k))) {
    problems.push(`en.json: ${key} hoort bij geen commando in manifest.json.`);
  }
  return problems;
}

/** A menu entry says what the command registry says about its command (`npm run manifests` writes it). */
function driftProblems(
  where: string,
  command: { title: string; description: string },
  locale: Locale,
): string[] {
  const expected = teamsCommandMenu(locale).find((c) => c.title === command.title);
  if (!expected || expected.description === command.description) return [];
  return [
    `${where}: de beschrijving wijkt af van het commandoregister (verwacht "${expected.description}"); draai npm run manifests.`,
  ];
}

function lengthProblems(where: string, command: { title: string; description: string }): string[] {
  const problems: string[] = [];
  if (!command.title) problems.push(`${where}: de titel is leeg.`);
  if (command.title.length > COMMAND_TITLE_MAX) {
    problems.push(`${where}: de titel is langer dan ${COMMAND_TITLE_MAX} tekens.`);
  }
  if (!command.description) problems.push(`${where}: de beschrijving is leeg.`);
  if (command.description.length > COMMAND_DESCRIPTION_MAX) {
    problems.push(`${where}: de beschrijving is langer dan ${COMMAND_DESCRIPTION_MAX} tekens.`);
  }
  return problems;
}

/** The manifest names exactly the files the package holds. */
export function checkFiles(manifest: Manifest): string[] {
  const problems: string[] = [];
  if (manifest.icons?.color !== "color.png")
    problems.push('manifest.json: icons.color moet "color.png" zijn.');
  if (manifest.icons?.outline !== "outline.png") {
    problems.push('manifest.json: icons.outline moet "outline.png" zijn.');
  }
  const languages = manifest.localizationInfo?.additionalLanguages ?? [];
  if (!languages.some((l) => l.file === "en.json")) {
    problems.push("manifest.json: localizationInfo.additionalLanguages verwijst niet naar en.json.");
  }
  return problems;
}

/** Names and descriptions present and within schema 1.19's lengths, in both languages. */
export function checkTexts(manifest: Manifest, localisation: Record<string, unknown>): string[] {
  const dutch: Record<string, unknown> = {
    "name.short": manifest.name?.short,
    "name.full": manifest.name?.full,
    "description.short": manifest.description?.short,
    "description.full": manifest.description?.full,
  };
  return [
    ["manifest.json", dutch],
    ["en.json", localisation],
  ].flatMap(([file, texts]) =>
    Object.entries(TEXT_LIMITS).flatMap(([key, max]) => {
      const text = (texts as Record<string, unknown>)[key];
      if (typeof text !== "string" || text === "") return [`${file}: ${key} ontbreekt.`];
      return text.length > max ? [`${file}: ${key} is langer dan ${max} tekens.`] : [];
    }),
  );
}

/** The app package: manifest.json, en.json and the two icons at the root of a zip. */
export function buildPackage(sources: PackageSources, values: PackageValues): Uint8Array {
  const manifestText = substitute(sources.manifest, values);
  const localisationText = substitute(sources.localisation, values);
  const manifest = parseJson("manifest.json", manifestText) as Manifest;
  const localisation = parseJson("en.json", localisationText) as Record<string, unknown>;
  const problems = [
    ...(
      [
        ["manifest.json", manifestText],
        ["en.json", localisationText],
      ] as const
    ).flatMap(([file, text]) => {
      const left = /\{\{[A-Z_]+\}\}/.exec(text);
      return left ? [`${file}: onbekende plaatshouder ${left[0]}.`] : [];
    }),
    ...checkFiles(manifest),
    ...checkTexts(manifest, localisation),
    ...checkCommandLists(manifest, localisation),
    ...checkIcons({ "color.png": sources.color, "outline.png": sources.outline }),
  ];
  if (problems.length > 0) throw new PackageError(problems);
  // A fixed time, so the same sources always give the same bytes.
  const mtime = new Date(2000, 0, 1);
  return zipSync(
    {
      "manifest.json": strToU8(manifestText),
      "en.json": strToU8(localisationText),
      "color.png": sources.color,
      "outline.png": sources.outline,
    },
    { level: 9, mtime },
  );
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PackageError([`${file} is geen geldige JSON: ${(error as Error).message}`]);
  }
}
