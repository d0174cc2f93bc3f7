import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { processedRequests } from "../../db/schema.js";
import type { Platform } from "../../domain/vocabulary.js";

/*
 * Slack and Teams deliver a request again when they think we were slow; /local resends when an answer got
 * lost. The database remembers which request ids were handled (never memory: any replica may get the copy).
 */

/** True the first time this platform's request id is seen. */
export async function claimRequest(db: Db, platform: Platform, requestId: string): Promise<boolean> {
  const claimed = await db
    .insert(processedRequests)
    .values({ platform, requestId })
    .onConflictDoNothing()
    .returning({ requestId: processedRequests.requestId });
  return claimed.length > 0;
}

/** Not handled after all (it failed on our side): a redelivery may try again. */
export async function releaseRequest(db: Db, platform: Platform, requestId: string): Promise<void> {
  await db
    .delete(processedRequests)
    .where(and(eq(processedRequests.platform, platform), eq(processedRequests.requestId, requestId)));
}
