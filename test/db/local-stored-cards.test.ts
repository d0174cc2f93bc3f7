import { describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { localMessagesFor } from "../../src/bot/local/local-chat.js";
import { localMessages } from "../../src/db/schema.js";
import { useTestDatabase } from "../support/database.js";
import { createPerson } from "../support/factories.js";
import { adaptiveDisplay, asShown } from "../unit/cards/adaptive-display.js";

/*
 * The /local chat keeps every card it showed in the database. Cards stored before card text became markup
 * (issue 12) hold plain strings; the chat still shows them after the upgrade, read as the markup of their time.
 */
const database = useTestDatabase();

const ctx = (): AppContext => ({
  db: database.current.db,
  now: () => new Date(),
  timeZone: "Europe/Amsterdam",
  locale: "nl",
  publicUrl: "https://regiotafel.test",
  anonymityThreshold: 3,
  nationalCoordinators: [],
});

describe("cards stored on /local before the upgrade", () => {
  it("are shown, their old plain-string texts read as markup", async () => {
    const person = await createPerson(database.current.db);
    await database.current.db.insert(localMessages).values({
      personId: person.id,
      author: "bot",
      card: {
        fallbackText: "Agenda",
        blocks: [
          { type: "header", text: "Agenda" },
          { type: "text", text: "Overleg van *Utrecht Stad*" },
          { type: "facts", facts: [{ label: "Locatie", value: "Stadhuis" }] },
        ],
      },
    });
    const { messages } = await localMessagesFor(ctx(), person.id, 0);
    const body = (messages[0]?.card?.body ?? []) as { type: string; text?: string }[];
    expect(body[1]?.text).toBe("Overleg van **Utrecht Stad**");
    expect(asShown(adaptiveDisplay(body[1]?.text ?? "").text)).toBe("Overleg van Utrecht Stad");
  });
});
