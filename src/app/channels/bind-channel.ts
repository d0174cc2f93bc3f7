import { and, eq, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { channelBindings, regions } from "../../db/schema.js";
import { UserFacingError } from "../../domain/user-errors.js";
import type { Locale, Platform } from "../../domain/vocabulary.js";
import { recordAudit } from "../audit.js";
import type { AppContext } from "../context.js";
import { isChairOfRegion } from "../table/region-access.js";

export class UnknownRegionError extends UserFacingError {
  readonly code = "UNKNOWN_REGION";
  constructor(readonly reference: string) {
    super(`unknown region ${reference}`);
  }
  userMessage(locale: Locale) {
    return locale === "en"
      ? `I don't know a region "${this.reference}". Use the region's slug or its full name.`
      : `Een regio "${this.reference}" ken ik niet. Gebruik de slug of de volledige naam van de regio.`;
  }
}

export class NotAllowedToBindError extends UserFacingError {
  readonly code = "NOT_ALLOWED_TO_BIND";
  constructor(readonly regionName: string) {
    super("not allowed to bind");
  }
  userMessage(locale: Locale) {
    return locale === "en"
      ? `Only the chair of ${this.regionName} can bind a channel to this region (in Slack, a workspace administrator can too).`
      : `Alleen de voorzitter van ${this.regionName} kan een kanaal aan deze regio koppelen (in Slack kan een beheerder van de werkruimte dat ook).`;
  }
}

export type ChannelRef = {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  conversationReference?: unknown;
};

/** Binds a channel to a region (re-binding moves it); allowed for the region's chairs and workspace admins. */
export async function bindChannel(
  ctx: AppContext,
  input: { personId: string; isWorkspaceAdmin: boolean; regionReference: string; channel: ChannelRef },
) {
  const region = await findRegion(ctx.db, input.regionReference);
  if (!region) throw new UnknownRegionError(input.regionReference);
  if (!input.isWorkspaceAdmin && !(await isChairOfRegion(ctx, input.personId, region.id)))
    throw new NotAllowedToBindError(region.name);
  const values = {
    purpose: "region" as const,
    regionId: region.id,
    platform: input.channel.platform,
    workspaceId: input.channel.workspaceId,
    channelId: input.channel.channelId,
    conversationReference: input.channel.conversationReference ?? null,
    createdByPersonId: input.personId,
  };
  return ctx.db.transaction(async (tx) => {
    const [binding] = await tx
      .insert(channelBindings)
      .values(values)
      .onConflictDoUpdate({
        target: [channelBindings.platform, channelBindings.workspaceId, channelBindings.channelId],
        set: {
          purpose: values.purpose,
          regionId: values.regionId,
          conversationReference: values.conversationReference,
        },
      })
      .returning();
    await recordAudit(tx, {
      action: "channel.bind",
      subjectType: "channel_binding",
      subjectId: binding?.id,
      actorPersonId: input.personId,
      details: { region: region.slug },
    });
    return { binding: binding as typeof channelBindings.$inferSelect, region };
  });
}

export async function findRegion(db: Db, reference: string) {
  const wanted = reference.trim().toLowerCase();
  const [region] = await db
    .select()
    .from(regions)
    .where(or(eq(regions.slug, wanted), eq(sql`lower(${regions.name})`, wanted)))
    .limit(1);
  return region;
}

export async function findBinding(db: Db, channel: Omit<ChannelRef, "conversationReference">) {
  const [binding] = await db
    .select()
    .from(channelBindings)
    .where(
      and(
        eq(channelBindings.platform, channel.platform),
        eq(channelBindings.workspaceId, channel.workspaceId),
        eq(channelBindings.channelId, channel.channelId),
      ),
    );
  return binding;
}

export class NotANationalCoordinatorError extends UserFacingError {
  readonly code = "NOT_A_NATIONAL_COORDINATOR";
  userMessage(locale: Locale) {
    return locale === "en"
      ? "Only the national coordinators can make this the channel for support requests."
      : "Alleen de landelijke coördinatoren kunnen dit het kanaal voor hulpvragen maken.";
  }
}

/** The channel where the national coordinators receive `hulpvraag` requests; coordinators only (by e-mail). */
export async function bindNationalChannel(
  ctx: AppContext,
  input: { personId: string; email: string; channel: ChannelRef },
) {
  if (!ctx.nationalCoordinators.includes(input.email.toLowerCase())) throw new NotANationalCoordinatorError();
  return ctx.db.transaction(async (tx) => {
    const values = {
      purpose: "national" as const,
      regionId: null,
      platform: input.channel.platform,
      workspaceId: input.channel.workspaceId,
      channelId: input.channel.channelId,
      conversationReference: input.channel.conversationReference ?? null,
      createdByPersonId: input.personId,
    };
    const [binding] = await tx
      .insert(channelBindings)
      .values(values)
      .onConflictDoUpdate({
        target: [channelBindings.platform, channelBindings.workspaceId, channelBindings.channelId],
        set: { purpose: "national", regionId: null, conversationReference: values.conversationReference },
      })
      .returning();
    await recordAudit(tx, {
      action: "channel.bind-national",
      subjectType: "channel_binding",
      subjectId: binding?.id,
      actorPersonId: input.personId,
    });
    return binding as typeof channelBindings.$inferSelect;
  });
}
