import type { Transaction } from "../db/client.js";
import { ImportRejectedError, type LineError } from "../domain/errors.js";
import { recordAudit } from "./audit.js";

export type ImportSummary = { added: number; changed: number; unchanged: number };

export class Tally implements ImportSummary {
  added = 0;
  changed = 0;
  unchanged = 0;
  toJSON(): ImportSummary {
    return { added: this.added, changed: this.changed, unchanged: this.unchanged };
  }
}

/**
 * Throwing inside the import transaction rolls it back: a file with any bad row writes nothing. Reasons for
 * the same line are joined, so each bad row is one line of the report, with everything wrong with it.
 */
export function rejectWhenAny(fileName: string, errors: LineError[]): void {
  if (!errors.length) return;
  const byLine = new Map<number, string[]>();
  for (const { line, reason } of [...errors].sort((a, b) => a.line - b.line)) {
    const reasons = byLine.get(line) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    byLine.set(line, reasons);
  }
  throw new ImportRejectedError(
    fileName,
    [...byLine].map(([line, reasons]) => ({ line, reason: reasons.join("; ") })),
  );
}

/** True when any wanted field differs from the stored row: the import then counts the row as changed. */
export function differs(current: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  return Object.entries(wanted).some(([key, value]) => current[key] !== value);
}

/** Audits an import that changed something (in its transaction) and returns its summary. */
export async function finishImport(
  tx: Transaction,
  action: string,
  fileName: string,
  tally: Tally,
): Promise<ImportSummary> {
  const summary = tally.toJSON();
  if (summary.added + summary.changed > 0) {
    await recordAudit(tx, { action, subjectType: "file", subjectId: fileName, details: summary });
  }
  return summary;
}
