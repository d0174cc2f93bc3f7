import { RegiotafelError } from "../domain/errors.js";

/** A mistake in how the CLI was called; its message is the whole answer. */
export class CliError extends RegiotafelError {
  readonly code = "CLI_USAGE";
}
