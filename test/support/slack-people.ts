import { importPeople } from "../../src/app/import-people.js";
import type { Db } from "../../src/db/client.js";
import { calendarDateIn } from "../../src/domain/calendar-date.js";
import { createRegion } from "./factories.js";
import { TEAM_ID } from "./slack-bed.js";
import type { SlackSimulator } from "./slack-simulator.js";

const FINANCIERS = ["gemeente", "zorgverzekeraar", "zorgkantoor"] as const;

export type SeededSlackPerson = { userId: string; email: string };

/**
 * `count` contact persons of financier organisations (so every one of them is surveyed: one invitation each),
 * spread over `regionCount` fresh regions, each with a Slack identity in `teamId` (default TEAM_ID). One bulk
 * import: the product's own people import, with its slack_team_id/slack_user_id columns. With `sim`, the
 * simulator knows them too (users.info). User ids are `U<prefix><7 digits>`, so `prefix` keeps two seedings
 * of one database apart.
 */
export async function seedSlackPeople(
  db: Db,
  options: {
    count: number;
    regionCount: number;
    sim?: SlackSimulator;
    teamId?: string;
    prefix?: string;
    timeZone?: string;
  },
): Promise<SeededSlackPerson[]> {
  const teamId = options.teamId ?? TEAM_ID;
  const prefix = options.prefix ?? "B";
  const regionSlugs: string[] = [];
  for (let r = 0; r < options.regionCount; r++) regionSlugs.push((await createRegion(db)).slug);
  const lines = ["email,name,organisation,organisation_type,region,role,slack_team_id,slack_user_id"];
  const seeded: SeededSlackPerson[] = [];
  for (let i = 0; i < options.count; i++) {
    const r = i % options.regionCount;
    const type = FINANCIERS[i % FINANCIERS.length] as string;
    const userId = `U${prefix}${String(i).padStart(7, "0")}`;
    const email = `slack-${prefix.toLowerCase()}${i}@bench.example`;
    // Several organisations per region and type, like the municipalities of a real region.
    lines.push(
      `${email},Persoon ${i},${type} ${prefix}${r}-${Math.floor(i / options.regionCount) % 5},${type},${regionSlugs[r]},${i % 2 ? "ambtelijk" : "bestuurlijk"},${teamId},${userId}`,
    );
    seeded.push({ userId, email });
    options.sim?.addUser({ id: userId, teamId, email });
  }
  const today = calendarDateIn(options.timeZone ?? "Europe/Amsterdam", new Date());
  await importPeople(
    db,
    { name: "slack-people.csv", text: `${lines.join("\n")}\n`, format: "csv" },
    { today },
  );
  return seeded;
}
