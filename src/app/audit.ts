import type { Queryable } from "../db/client.js";
import { auditLog } from "../db/schema.js";

export type AuditEntry = {
  action: string;
  subjectType: string;
  subjectId?: string;
  actorPersonId?: string;
  details?: Record<string, unknown>;
};

/** Appends to the audit log in the caller's transaction, so the entry exists exactly when the change does. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}
