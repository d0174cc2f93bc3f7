import { z } from "zod";
import { ADAPTIVE_CARD_VERBS } from "../../app/inbound/dispatch-turn.js";

/*
 * An activity POSTed to /api/messages, checked with zod before botbuilder and Teams AI read it: they assume
 * Teams' shape and fail with a 500 on anything else. Only the fields the bot reads are checked; the rest of
 * what Teams sends passes through.
 */

const Account = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
});

const common = {
  id: z.string().optional(),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  from: Account,
  recipient: Account,
  conversation: z.looseObject({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
  }),
  locale: z.string().optional(),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id: z.string().optional() }).optional(),
      channel: z.looseObject({ id: z.string().optional() }).optional(),
    })
    .optional(),
  entities: z
    .array(
      z.looseObject({
        type: z.string().optional(),
        text: z.string().optional(),
        mentioned: z.looseObject({ id: z.string() }).optional(),
      }),
    )
    .optional(),
  replyToId: z.string().optional(),
};

/** An `Action.Execute` of one of our cards: the only invoke this bot answers. */
const CardActionSchema = z.looseObject({
  ...common,
  type: z.literal("invoke"),
  name: z.literal("adaptiveCard/action"),
  value: z.looseObject({
    action: z.looseObject({
      type: z.literal("Action.Execute"),
      verb: z.enum(ADAPTIVE_CARD_VERBS),
      data: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
});

/** Messages, and what Teams tells about the conversation (installed, members added, …). */
const OtherActivitySchema = z.looseObject({
  ...common,
  type: z
    .string()
    .min(1)
    .refine((type) => type !== "invoke"),
  text: z.string().optional(),
  action: z.string().optional(),
  membersAdded: z.array(Account).optional(),
  membersRemoved: z.array(Account).optional(),
});

export const TeamsActivitySchema = z.union([CardActionSchema, OtherActivitySchema]);
