import type { Server } from "node:http";
import { RegiotafelError } from "./domain/errors.js";

/**
 * The HTTP port cannot be used. 3978 is the Bot Framework's default, so another bot (or a Regiotafel that
 * is still running) often has it already: the message says how to start on another port.
 */
export class PortUnavailableError extends RegiotafelError {
  readonly code = "PORT_UNAVAILABLE";
  constructor(
    readonly port: number,
    reason: "in-use" | "not-allowed",
  ) {
    const other = port === 3978 ? 3979 : 3978;
    super(
      reason === "in-use"
        ? `Poort ${port} is al in gebruik (draait Regiotafel of een andere bot al?). Stop dat programma, of start op een andere poort: PORT=${other} npm start`
        : `Poort ${port} mag dit proces niet gebruiken (poorten onder 1024 vragen beheerdersrechten). Start op een andere poort: PORT=${other} npm start`,
    );
    this.name = "PortUnavailableError";
  }
}

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new PortUnavailableError(port, "in-use"));
      else if (error.code === "EACCES") reject(new PortUnavailableError(port, "not-allowed"));
      else reject(error);
    };
    server.once("error", refused);
    server.listen(port, host, () => {
      server.off("error", refused);
      resolve();
    });
  });
}
