import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { slackCommandDescription, slackUsageHint } from "../../src/bot/slack/manifest-commands.js";
import { REPO_ROOT } from "../support/spawn-app.js";

// The scope each Web API method the bot calls needs (Slack's method docs), so the manifest asks for no more.
const SCOPE_FOR_METHOD: Record<string, string | undefined> = {
  "chat.postMessage": "chat:write",
  "chat.update": "chat:write",
  "chat.postEphemeral": "chat:write",
  "views.open": undefined,
  "users.info": "users:read",
};

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]),
    ),
  );
  return nested.flat().filter((f) => f.endsWith(".ts"));
}

describe("manifest/slack.json", () => {
  it("declares /regiotafel and interactivity at /slack/events, with exactly the scopes the code uses", async () => {
    const manifest = JSON.parse(await readFile(path.join(REPO_ROOT, "manifest/slack.json"), "utf8"));
    const [command] = manifest.features.slash_commands;
    expect(command.command).toBe("/regiotafel");
    expect(new URL(command.url).pathname).toBe("/slack/events");
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe("/slack/events");
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);

    const code = (
      await Promise.all((await sourceFiles(path.join(REPO_ROOT, "src"))).map((f) => readFile(f, "utf8")))
    ).join("\n");
    const called = Object.keys(SCOPE_FOR_METHOD).filter((method) => {
      const [family, name] = method.split(".");
      return code.includes(`.${family}.${name}(`);
    });
    expect(called).toEqual(
      expect.arrayContaining(["chat.postMessage", "chat.update", "views.open", "users.info"]),
    );
    const needed = new Set(called.map((m) => SCOPE_FOR_METHOD[m]).filter(Boolean));
    needed.add("commands");
    expect(new Set(manifest.oauth_config.scopes.bot)).toEqual(needed);
  });
});

describe("manifest/slack.json and the command registry", () => {
  it("/regiotafel's usage hint and description are the registry's (npm run manifests), without angle brackets", async () => {
    const manifest = JSON.parse(await readFile(path.join(REPO_ROOT, "manifest/slack.json"), "utf8"));
    const [command] = manifest.features.slash_commands;
    expect(command.usage_hint).toBe(slackUsageHint("nl"));
    expect(command.description).toBe(slackCommandDescription("nl"));
    expect(command.usage_hint).toContain("koppel «regio»");
    expect(command.usage_hint).not.toMatch(/[<>]/);
  });
});
