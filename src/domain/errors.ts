/**
 * One coded error hierarchy. Each platform (CLI, Slack, Teams, web) maps these to a reply in one place;
 * the code lets them do that without matching on message text.
 */
export abstract class RegiotafelError extends Error {
  abstract readonly code: string;
}

export type LineError = { line: number; reason: string };

/** An import file was refused as a whole; nothing of it was written. */
export class ImportRejectedError extends RegiotafelError {
  readonly code = "IMPORT_REJECTED";
  constructor(
    readonly fileName: string,
    readonly lineErrors: LineError[],
  ) {
    super(lineErrors.map((e) => `${fileName}:${e.line}: ${e.reason}`).join("\n"));
    this.name = "ImportRejectedError";
  }
}
