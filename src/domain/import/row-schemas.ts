import { z } from "zod";
import { parseCalendarDate } from "../calendar-date.js";
import type { LineError } from "../errors.js";
import { SLUG_PATTERN, slugify } from "../slug.js";
import { LOCALES, MEMBERSHIP_ROLES, ORGANISATION_TYPES, PLATFORMS, REGION_KINDS } from "../vocabulary.js";
import type { ImportRecord } from "./records.js";

/*
 * What one row of an import file must hold. Values arrive as CSV strings or YAML scalars; every message is
 * Dutch because the people preparing these files are Dutch civil servants.
 */

const text = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "number" ? String(v) : v),
    z
      .string({ error: `${label} moet tekst zijn` })
      .trim()
      .min(1, { error: `${label} is leeg` }),
  );

const lowerText = (v: unknown) => (typeof v === "string" ? v.trim().toLowerCase() : v);

const oneOf = <T extends readonly [string, ...string[]]>(label: string, values: T, normalise = lowerText) =>
  z.preprocess(normalise, z.enum(values, { error: `${label} moet een van deze zijn: ${values.join(", ")}` }));

const yesNo = (label: string) =>
  z.preprocess(
    (v) => {
      if (typeof v === "boolean") return v;
      const answer = typeof v === "string" ? v.trim().toLowerCase() : v;
      if (answer === "ja" || answer === "yes" || answer === "true" || answer === "1" || answer === "x")
        return true;
      if (answer === "nee" || answer === "no" || answer === "false" || answer === "0") return false;
      return answer;
    },
    z.boolean({ error: `${label} moet ja of nee zijn` }),
  );

const calendarDate = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (parseCalendarDate(v) ?? v) : v),
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/, {
      error: `${label} is geen geldige datum (gebruik 14-01-2027 of 2027-01-14)`,
    }),
  );

/** Lists in one CSV cell are separated by ';', ',' or '|'; in YAML they are real lists. */
const nameList = (label: string) =>
  z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(/[;,|]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(text(label), { error: `${label} moet een lijst zijn` }).min(1, { error: `${label} ontbreekt` }),
  );

export const REGION_COLUMN_ALIASES: Record<string, string> = {
  naam: "name",
  soort: "kind",
  groep: "group",
  gemeenten: "municipalities",
  toelichting: "note",
  opmerking: "note",
};

/** "HLZ-regio" -> hlz, "Wmo regio" -> wmo, "zorgkantoor" -> zorgkantoorregio. */
function normaliseRegionKind(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const kind = value.trim().toLowerCase();
  const known = (k: string) => (REGION_KINDS as readonly string[]).includes(k);
  const bare = kind.replace(/[\s-]*regio$/, "");
  return [kind, bare, `${bare}regio`].find(known) ?? kind;
}

export const RegionRowSchema = z
  .strictObject(
    {
      slug: z
        .string()
        .regex(SLUG_PATTERN, { error: "slug mag alleen kleine letters, cijfers en '-' bevatten" })
        .optional(),
      name: text("naam"),
      kind: oneOf("soort", REGION_KINDS, normaliseRegionKind)
        .optional()
        .transform((kind) => kind ?? "zorgkantoorregio"),
      group: text("groep").optional(),
      municipalities: nameList("gemeenten"),
      note: text("toelichting").optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys" ? `onbekend veld: ${issue.keys.join(", ")}` : undefined,
    },
  )
  .transform((row) => ({ ...row, slug: row.slug ?? slugify(row.name) }));
export type RegionRow = z.infer<typeof RegionRowSchema>;

export const PERSON_COLUMN_ALIASES: Record<string, string> = {
  "e-mail": "email",
  e_mail: "email",
  mail: "email",
  naam: "name",
  organisatie: "organisation",
  organisatietype: "organisation_type",
  type_organisatie: "organisation_type",
  regio: "region",
  rol: "role",
  voorzitter: "chair",
  actief_vanaf: "active_from",
  vanaf: "active_from",
  actief_tot: "active_until",
  tot: "active_until",
  taal: "locale",
  voorkeursplatform: "preferred_platform",
  slack_team: "slack_team_id",
  slack_user: "slack_user_id",
  teams_tenant: "teams_tenant_id",
  teams_user: "teams_aad_object_id",
  teams_object_id: "teams_aad_object_id",
};

const normaliseOrganisationType = (v: unknown) =>
  typeof v === "string" ? v.trim().toLowerCase().normalize("NFD").replace(/\p{M}/gu, "") : v;

export const PersonRowSchema = z
  .strictObject(
    {
      email: z.preprocess(lowerText, z.email({ error: "e-mail is geen geldig e-mailadres" })),
      name: text("naam"),
      organisation: text("organisatie"),
      organisation_type: oneOf("organisatietype", ORGANISATION_TYPES, normaliseOrganisationType),
      region: text("regio"),
      role: oneOf("rol", MEMBERSHIP_ROLES),
      chair: yesNo("voorzitter")
        .optional()
        .transform((v) => v ?? false),
      active_from: calendarDate("actief_vanaf").optional(),
      active_until: calendarDate("actief_tot").optional(),
      locale: oneOf("taal", LOCALES)
        .optional()
        .transform((v) => v ?? "nl"),
      preferred_platform: oneOf("voorkeursplatform", PLATFORMS).optional(),
      slack_team_id: text("slack_team_id").optional(),
      slack_user_id: text("slack_user_id").optional(),
      teams_tenant_id: text("teams_tenant_id").optional(),
      teams_aad_object_id: text("teams_aad_object_id").optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys" ? `onbekend veld: ${issue.keys.join(", ")}` : undefined,
    },
  )
  .superRefine((row, ctx) => {
    if ((row.slack_team_id === undefined) !== (row.slack_user_id === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: "slack_team_id en slack_user_id horen samen: vul beide in of geen van beide",
      });
    }
    if ((row.teams_tenant_id === undefined) !== (row.teams_aad_object_id === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: "teams_tenant_id en teams_aad_object_id horen samen: vul beide in of geen van beide",
      });
    }
    if (row.active_from && row.active_until && row.active_until < row.active_from) {
      ctx.addIssue({ code: "custom", message: "actief_tot ligt vóór actief_vanaf" });
    }
  });
export type PersonRow = z.infer<typeof PersonRowSchema>;

export type ValidatedRow<T> = { line: number; row: T };

/**
 * Validates every record (so one run reports every bad row), keeping the line of each. With the file's
 * `header`, a required field whose column the header lacks is reported once, on the header's line, and left
 * out of the rows' own reasons.
 */
export function validateRecords<T>(
  records: ImportRecord[],
  schema: z.ZodType<T>,
  header?: { line: number; columns: string[] },
): { rows: ValidatedRow<T>[]; errors: LineError[]; failed: ImportRecord[] } {
  const rows: ValidatedRow<T>[] = [];
  const errors: LineError[] = [];
  const failed: ImportRecord[] = [];
  const missingColumns = new Set<string>();
  const inHeader = (field: string) => !header || header.columns.includes(field);
  for (const record of records) {
    const { line, values } = record;
    const parsed = schema.safeParse(values);
    if (parsed.success) {
      rows.push({ line, row: parsed.data });
      continue;
    }
    failed.push(record);
    const own = parsed.error.issues.filter((issue) => {
      const field = missingField(issue, values);
      if (field === undefined || inHeader(field)) return true;
      missingColumns.add(field);
      return false;
    });
    if (own.length) errors.push({ line, reason: describeIssues(own, values) });
  }
  for (const field of missingColumns) {
    errors.unshift({
      line: header?.line ?? 1,
      reason: `de kolom ${FIELD_LABELS[field] ?? field} ontbreekt in de kopregel`,
    });
  }
  return { rows, errors, failed };
}

/** The field an issue says is missing from the row, if that is what it says. */
function missingField(issue: z.core.$ZodIssue, values: Record<string, unknown>): string | undefined {
  const field = String(issue.path[0] ?? "");
  return issue.code !== "custom" && field !== "" && values[field] === undefined ? field : undefined;
}

/** The Dutch column names, for "naam ontbreekt" rather than "name ontbreekt". */
const FIELD_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries({ ...REGION_COLUMN_ALIASES, ...PERSON_COLUMN_ALIASES })
    .filter(([dutch]) => !dutch.includes("_") || dutch.startsWith("actief"))
    .map(([dutch, canonical]) => [canonical, dutch]),
);

function describeIssues(issues: z.core.$ZodIssue[], values: Record<string, unknown>): string {
  return issues
    .map((issue) => {
      const field = missingField(issue, values);
      return field !== undefined ? `${FIELD_LABELS[field] ?? field} ontbreekt` : issue.message;
    })
    .join("; ");
}
