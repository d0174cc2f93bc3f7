import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";

/** Collects what the logger writes, line by line. */
function sink() {
  const lines: string[] = [];
  return { lines, write: (chunk: string) => lines.push(...chunk.split("\n").filter(Boolean)) };
}

describe("createLogger", () => {
  it("writes sentences in text format: the message, marked for warnings and errors, with the error's own message", () => {
    const out = sink();
    const logger = createLogger("info", out, { format: "text" });
    logger.info({ url: "http://localhost:3978" }, "Regiotafel draait in lokale modus");
    logger.warn("bezorgen loopt achter");
    logger.error({ err: new Error("database did not answer within 2000 ms") }, "geplande taak mislukt");
    logger.debug("niet getoond onder info");
    expect(out.lines).toEqual([
      "Regiotafel draait in lokale modus",
      "Waarschuwing: bezorgen loopt achter",
      "Fout: geplande taak mislukt (database did not answer within 2000 ms)",
    ]);
  });

  it("stays one JSON object per line by default, with the fields operators filter on and secrets hidden", () => {
    const out = sink();
    const logger = createLogger("info", out);
    logger.info({ slack: { botToken: "xoxb-secret" }, url: "http://x" }, "gestart");
    const [line] = out.lines;
    const record = JSON.parse(line ?? "") as Record<string, unknown>;
    expect(record).toMatchObject({ level: 30, app: "regiotafel", msg: "gestart", url: "http://x" });
    expect(line).not.toContain("xoxb-secret");
  });
});
