import { describe, expect, it } from "vitest";
import type { ChannelRef } from "../../src/app/channels/bind-channel.js";
import { runChatCommand } from "../../src/app/commands/run-chat-command.js";
import type { AppContext } from "../../src/app/context.js";
import type { KnownPerson } from "../../src/app/identify-person.js";
import type { Command } from "../../src/domain/commands/command.js";
import { parseCommand } from "../../src/domain/commands/parse-command.js";
import { COMMANDS, type CommandSpec } from "../../src/domain/commands/registry.js";
import { UserFacingError } from "../../src/domain/user-errors.js";
import { useTestDatabase } from "../support/database.js";
import { createChannelBinding, createContactPerson, createPerson, uniqueKey } from "../support/factories.js";

/*
 * The permission matrix, made from the registry: every command, run by a contact person and by someone
 * without a seat, in the region's channel and in a direct message, is refused exactly when the registry's
 * `who` says so, with the refusal of today (who the chair is, or that only contact persons can see it).
 */
const database = useTestDatabase();
const TODAY = "2027-01-10";

const ctx = (): AppContext => ({
  db: database.current.db,
  now: () => new Date(`${TODAY}T09:00:00Z`),
  timeZone: "Europe/Amsterdam",
  locale: "nl",
  publicUrl: "https://regiotafel.test",
  anonymityThreshold: 3,
  nationalCoordinators: [],
});

const PERMISSION_CODES = new Set(["NOT_CHAIR", "NOT_AT_TABLE", "NOT_ALLOWED_TO_BIND"]);

/** The permission refusal's code, or "allowed" when the command ran or failed for another reason. */
async function outcome(person: KnownPerson, command: Command, channel: ChannelRef): Promise<string> {
  try {
    await runChatCommand(ctx(), {
      person,
      locale: "nl",
      command,
      channel,
      isWorkspaceAdmin: async () => false,
      requestId: uniqueKey("req"),
      kick: () => {},
    });
    return "allowed";
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return PERMISSION_CODES.has(error.code) ? error.code : "allowed";
  }
}

async function seed() {
  const { region, person } = await createContactPerson(database.current.db);
  const stranger = await createPerson(database.current.db);
  const channel: ChannelRef = { platform: "slack", workspaceId: uniqueKey("T"), channelId: uniqueKey("C") };
  await createChannelBinding(database.current.db, { purpose: "region", regionId: region.id, ...channel });
  const direct: ChannelRef = {
    platform: "slack",
    workspaceId: channel.workspaceId,
    channelId: uniqueKey("D"),
  };
  return { region, contact: person as KnownPerson, stranger: stranger as KnownPerson, channel, direct };
}

/** A command of this kind as people type it: the registry's example (with the seeded region for `koppel`). */
function commandFor(spec: CommandSpec, regionSlug: string): Command {
  const text = spec.name === "bind" ? `koppel ${regionSlug}` : (spec.example?.nl ?? spec.name.split(".")[0]);
  const parsed = parseCommand(text ?? "", "nl", { today: TODAY });
  if (!parsed.ok) throw new Error(`${text}: ${parsed.message}`);
  expect(parsed.command.name).toBe(spec.name);
  return parsed.command;
}

/** What today's code refuses, per the registry's `who`: [contact person in the channel, stranger, contact person in a DM]. */
const EXPECTED: Record<CommandSpec["who"], readonly [string, string, string]> = {
  chair: ["NOT_CHAIR", "NOT_CHAIR", "NOT_CHAIR"],
  contact: ["allowed", "NOT_AT_TABLE", "allowed"],
  everyone: ["allowed", "allowed", "allowed"],
  coordinator: ["NOT_A_COORDINATOR", "NOT_A_COORDINATOR", "NOT_A_COORDINATOR"],
};

describe("permissions from the registry", () => {
  const tableCommands = COMMANDS.filter((spec) => spec.where !== "region-channel" && spec.name !== "bind");
  it.each(tableCommands.map((spec) => [spec.name, spec.who, spec] as const))(
    "%s (%s): contact person in the channel, stranger, contact person in a DM",
    async (_name, who, spec) => {
      const t = await seed();
      const command = commandFor(spec, t.region.slug);
      const seen = [
        await outcome(t.contact, command, t.channel),
        await outcome(t.stranger, command, t.channel),
        await outcome(t.contact, command, t.direct),
      ];
      expect(seen).toEqual(EXPECTED[who]);
    },
  );

  it("koppel: only the region's chair (a contact person is refused, in any channel)", async () => {
    const t = await seed();
    const spec = COMMANDS.find((s) => s.name === "bind") as CommandSpec;
    expect(spec.who).toBe("chair");
    const command = commandFor(spec, t.region.slug);
    expect(await outcome(t.contact, command, t.direct)).toBe("NOT_ALLOWED_TO_BIND");
    expect(await outcome(t.stranger, command, t.direct)).toBe("NOT_ALLOWED_TO_BIND");
  });

  it("samenvatting: anyone in the region's channel", async () => {
    const t = await seed();
    const spec = COMMANDS.find((s) => s.name === "summary") as CommandSpec;
    expect([spec.who, spec.where]).toEqual(["everyone", "region-channel"]);
    const command = commandFor(spec, t.region.slug);
    expect(await outcome(t.stranger, command, t.channel)).toBe("allowed");
  });
});
