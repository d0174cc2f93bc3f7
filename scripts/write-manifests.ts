import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { slackCommandDescription, slackUsageHint } from "../src/bot/slack/manifest-commands.js";
import { teamsCommandMenu } from "../src/bot/teams/manifest-commands.js";

/**
 * `npm run manifests`: writes what the command registry says into `manifest/slack.json` (the usage hint and
 * description of `/regiotafel`) and `manifest/teams/` (both command menus, Dutch, and their English strings).
 * Run it after changing `src/domain/commands/registry.ts`; the manifest tests fail until then.
 */

const root = fileURLToPath(new URL("../", import.meta.url));
const file = (name: string) => path.join(root, "manifest", name);
const read = (name: string) => JSON.parse(readFileSync(file(name), "utf8"));
const write = (name: string, value: unknown) =>
  writeFileSync(file(name), `${JSON.stringify(value, null, 2)}\n`);

const slack = read("slack.json");
for (const command of slack.features.slash_commands) {
  command.usage_hint = slackUsageHint("nl");
  command.description = slackCommandDescription("nl");
}
write("slack.json", slack);

const teams = read("teams/manifest.json");
const english: Record<string, string> = read("teams/en.json");
for (const key of Object.keys(english).filter((k) => k.startsWith("bots["))) delete english[key];
const dutchMenu = teamsCommandMenu("nl");
const englishMenu = teamsCommandMenu("en");
teams.bots[0].commandLists.forEach((list: { commands: unknown }, i: number) => {
  list.commands = dutchMenu;
  englishMenu.forEach((command, j) => {
    english[`bots[0].commandLists[${i}].commands[${j}].title`] = command.title;
    english[`bots[0].commandLists[${i}].commands[${j}].description`] = command.description;
  });
});
write("teams/manifest.json", teams);
write("teams/en.json", english);
console.log("manifest/slack.json, manifest/teams/manifest.json en manifest/teams/en.json bijgewerkt.");
