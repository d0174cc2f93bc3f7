import { eq } from "drizzle-orm";
import { createWave } from "../../src/app/waves/create-wave.js";
import type { Db } from "../../src/db/client.js";
import { answerRevisions, invitations, organisations, waves } from "../../src/db/schema.js";
import type { OrganisationType } from "../../src/domain/vocabulary.js";
import { createOrganisation, createPerson, createRegion, uniqueKey } from "../support/factories.js";

/*
 * A venster wave with known answers, built from unique rows (tests share one database on PostgreSQL).
 * Each invitation is a fresh person of the region's organisation of that type; `answers` is undefined for
 * someone who did not answer, one answer set, or several revisions (the last counts).
 */
export type VensterAnswers = Record<string, boolean | string>;
export type SeedInvitation = { type: OrganisationType; answers?: VensterAnswers | VensterAnswers[] };
export type SeedRegion = { id: string; slug: string; name: string };

/** Answers for all three parts; `support` per part adds a support need with the given text. */
export function vensterAnswers(
  satisfied: { agenda: boolean; proces: boolean; resultaat: boolean },
  support: Partial<Record<"agenda" | "proces" | "resultaat", string>> = {},
): VensterAnswers {
  const answers: VensterAnswers = {};
  for (const part of ["agenda", "proces", "resultaat"] as const) {
    answers[`${part}_tevreden`] = satisfied[part];
    const need = support[part];
    answers[`${part}_ondersteuning`] = need !== undefined;
    if (need !== undefined) answers[`${part}_ondersteuning_welke`] = need;
  }
  return answers;
}

export const allParts = (value: boolean) => ({ agenda: value, proces: value, resultaat: value });

/** `n` invitations of one type with the same answers (or unanswered). */
export const times = (n: number, invitation: SeedInvitation): SeedInvitation[] =>
  Array.from({ length: n }, () => invitation);

export async function seedRegions(db: Db, names: string[]): Promise<SeedRegion[]> {
  const created: SeedRegion[] = [];
  for (const name of names) {
    const region = await createRegion(db, { name: `${name} ${uniqueKey("r")}` });
    created.push({ id: region.id, slug: region.slug, name: region.name });
  }
  return created;
}

export async function seedVensterWave(
  db: Db,
  input: {
    name?: string;
    opensAt: Date;
    closesAt: Date;
    status?: "open" | "closed";
    surveyKey?: string;
    invitations: { region: SeedRegion; invitations: SeedInvitation[] }[];
  },
) {
  const wave = await createWave(db, {
    surveyKey: input.surveyKey ?? "venster",
    name: input.name ?? uniqueKey("Venster"),
    opensAt: input.opensAt,
    closesAt: input.closesAt,
  });
  await db
    .update(waves)
    .set({ status: input.status ?? "closed" })
    .where(eq(waves.id, wave.id));
  const orgs = new Map<string, string>();
  for (const { region, invitations: list } of input.invitations) {
    for (const invitation of list) {
      const key = `${region.id}:${invitation.type}`;
      let organisationId = orgs.get(key);
      if (!organisationId) {
        const [existing] = await db
          .select({ id: organisations.id })
          .from(organisations)
          .where(eq(organisations.name, `Org ${invitation.type} ${region.slug}`));
        organisationId =
          existing?.id ??
          (
            await createOrganisation(db, {
              name: `Org ${invitation.type} ${region.slug}`,
              type: invitation.type,
              activeIn: [region.id],
            })
          ).id;
        orgs.set(key, organisationId);
      }
      const person = await createPerson(db);
      const [row] = await db
        .insert(invitations)
        .values({ waveId: wave.id, personId: person.id, regionId: region.id, organisationId })
        .returning({ id: invitations.id });
      const revisions =
        invitation.answers === undefined
          ? []
          : Array.isArray(invitation.answers)
            ? invitation.answers
            : [invitation.answers];
      if (revisions.length > 0 && row) {
        await db.insert(answerRevisions).values(
          revisions.map((answers, i) => ({
            invitationId: row.id,
            revision: i + 1,
            answers,
            submittedVia: "local" as const,
            submittedAt: new Date(input.opensAt.getTime() + (i + 1) * 60_000),
          })),
        );
      }
    }
  }
  return wave;
}
