import { and, eq } from "drizzle-orm";
import { type RunningApp, startApp } from "../../src/app-runtime.js";
import type { LocalMessageView } from "../../src/bot/local/local-chat.js";
import { ensureLocalIdentities } from "../../src/bot/local/local-identities.js";
import { parseConfig } from "../../src/config.js";
import type { Database, Db } from "../../src/db/client.js";
import { channelBindings, regions } from "../../src/db/schema.js";
import { createLogger } from "../../src/logger.js";

/** The real app in local mode (no Slack, no Teams credentials) on a free port of 127.0.0.1. */
export async function startLocalApp(
  database: Database,
  options: { seedDemo?: boolean; everyMinute?: boolean; env?: Record<string, string> } = {},
): Promise<RunningApp> {
  const config = parseConfig({ LOG_LEVEL: "silent", ...options.env });
  if (!config.localMode) throw new Error("startLocalApp needs a configuration without platform credentials");
  return startApp(
    { ...config, http: { host: "127.0.0.1", port: 0 }, seedDemo: options.seedDemo ?? false },
    createLogger("silent"),
    { database, everyMinute: options.everyMinute ?? false },
  );
}

/** People created after start-up get their local identity the way start-up gives it. */
export const linkEveryoneLocally = (app: RunningApp) => ensureLocalIdentities(app.ctx.db, app.ctx.now());

/**
 * The local channel of a region, as the demo data makes it in local mode (`regio-<slug>`); created when
 * missing, so tests do not depend on which demo data is loaded.
 */
export async function localChannelOf(db: Db, regionSlug: string) {
  const [region] = await db.select().from(regions).where(eq(regions.slug, regionSlug));
  if (!region) throw new Error(`no region ${regionSlug}`);
  const channelId = `regio-${regionSlug}`;
  await db
    .insert(channelBindings)
    .values({ purpose: "region", regionId: region.id, platform: "local", workspaceId: "local", channelId })
    .onConflictDoNothing();
  const [binding] = await db
    .select()
    .from(channelBindings)
    .where(
      and(
        eq(channelBindings.platform, "local"),
        eq(channelBindings.workspaceId, "local"),
        eq(channelBindings.channelId, channelId),
      ),
    );
  if (!binding) throw new Error(`no local channel for ${regionSlug}`);
  return binding;
}

/** A small client of the /local JSON API, as the page's script uses it. */
export function localApi(baseUrl: string, personId: string) {
  const api = `${baseUrl}/local/api/people/${personId}`;
  const post = async (path: string, body: unknown, query = "") => {
    const response = await fetch(`${api}/${path}${query}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    async messages(since = 0) {
      const response = await fetch(`${api}/messages?since=${since}`);
      const body = (await response.json()) as { cursor: number; messages: LocalMessageView[] };
      return { status: response.status, ...body };
    },
    type: (text: string, conversation = "dm", requestId: string = crypto.randomUUID()) =>
      post("messages", { requestId, conversation, text }),
    act: (
      messageId: string,
      verb: string,
      data: Record<string, unknown>,
      requestId: string = crypto.randomUUID(),
    ) =>
      post("actions", { requestId, messageId, verb, data }) as Promise<{
        status: number;
        body: { card?: Record<string, unknown>; error?: string };
      }>,
  };
}
