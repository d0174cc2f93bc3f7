/** A complete, valid venster answer, with a conditional support text and a citizen number to be masked. */
export const completeVensterAnswers = {
  agenda_tevreden: true,
  agenda_toelichting: "Goede werkagenda; bel gerust 111222333 voor vragen",
  agenda_ondersteuning: false,
  proces_tevreden: false,
  proces_ondersteuning: true,
  proces_ondersteuning_welke: "Procesbegeleiding bij de inkoop",
  resultaat_tevreden: true,
  resultaat_ondersteuning: false,
};

/** Slack's `view.state.values` for these answers, as Slack sends them: radio buttons for yes/no, text inputs. */
export function slackStateValues(answers: Record<string, boolean | string>) {
  return Object.fromEntries(
    Object.entries(answers).map(([id, value]) => [
      id,
      {
        value:
          typeof value === "boolean"
            ? {
                type: "radio_buttons",
                selected_option: {
                  value: String(value),
                  text: { type: "plain_text", text: value ? "Ja" : "Nee" },
                },
              }
            : { type: "plain_text_input", value },
      },
    ]),
  );
}

/** The private_metadata the bot puts in a venster modal (what Slack hands back on submit). */
export function vensterModalMetadata(
  invitationId: string,
  locale: "nl" | "en" = "nl",
  region = "Regio",
): string {
  return JSON.stringify({ invitationId, survey: "venster", version: 1, locale, region });
}

/** What Teams posts back from the inline form (`action.data`): every input as a string, plus our own data. */
export function teamsActionData(answers: Record<string, boolean | string>, invitationId: string) {
  return {
    invitationId,
    ...Object.fromEntries(Object.entries(answers).map(([id, value]) => [id, String(value)])),
  };
}
