import { openPostgres } from "../src/db/client.js";
import { createDraftWave, FanoutWatch } from "../test/support/fanout.js";
import { createReplica } from "../test/support/replica-process.js";
import { seedSlackPeople } from "../test/support/slack-people.js";
import { startSlackSimulator } from "../test/support/slack-simulator.js";
import { bareEnvironment, spawnEntryPoint } from "../test/support/spawn-app.js";
import { withEmptyPostgresUrl } from "../test/support/temporary-database.js";

const RUNS = 5;
const PEOPLE = 20;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/**
 * `wave open` from the CLI, as an operator runs it next to a running bot on PostgreSQL (the bot a process of
 * its own, as `npm start` runs it): from the command's start, and from its exit, to the first invitation Slack
 * accepted. Median and max over five waves for the same 20 people (target: within 2 s of the exit).
 */
export async function benchCliWaveOpen(serverUrl: string | undefined): Promise<void> {
  if (!serverUrl) {
    console.log(
      "[cli wave open] skipped: needs DATABASE_URL (the CLI and the bot share a PostgreSQL database)",
    );
    return;
  }
  await withEmptyPostgresUrl(serverUrl, async (url) => {
    const database = await openPostgres(url);
    const sim = await startSlackSimulator();
    const bot = await createReplica({ index: 0, databaseUrl: url, slackApiUrl: sim.apiUrl });
    try {
      await database.migrate();
      const people = await seedSlackPeople(database.db, { count: PEOPLE, regionCount: 2, sim });
      await bot.start();
      const fromStart: number[] = [];
      const fromExit: number[] = [];
      for (let run = 1; run <= RUNS; run++) {
        const name = `Venster CLI bench ${run}`;
        await createDraftWave(database.db, name);
        const watch = new FanoutWatch(sim, { name, people });
        const startedAt = Date.now();
        const cli = spawnEntryPoint(
          "src/cli/main.ts",
          ["wave", "open", name],
          bareEnvironment({ DATABASE_URL: url }),
        );
        const code = await cli.exited;
        const exitedAt = Date.now();
        if (code !== 0) throw new Error(`wave open exited ${code}: ${cli.stderr()}`);
        if (!(await watch.waitForDelivered(1, { timeoutMs: 90_000, check: () => bot.assertNoCrash() })))
          throw new Error(`run ${run}: no invitation within 90 s of wave open`);
        const { firstAt } = watch.report({ ratePerSecond: 1 });
        fromStart.push(firstAt - startedAt);
        fromExit.push(firstAt - exitedAt);
        console.log(
          `[cli wave open] run ${run}: command ${seconds(exitedAt - startedAt)}, first invitation ${seconds(firstAt - exitedAt)} after its exit`,
        );
        // The next run starts from a quiet outbox.
        await watch.waitForDelivered(PEOPLE, { timeoutMs: 90_000 });
      }
      console.log(
        `[cli wave open] bot on PostgreSQL, ${PEOPLE} invitations per wave, ${RUNS} runs: first invitation accepted after the command's exit median ${seconds(median(fromExit))}, max ${seconds(Math.max(...fromExit))} (target ≤ 2 s); from its start median ${seconds(median(fromStart))}, max ${seconds(Math.max(...fromStart))}`,
      );
    } finally {
      await bot.stop();
      await sim.close();
      await database.close();
    }
  });
}
