import { SIGNING_SECRET } from "./slack-bed.js";
import { bareEnvironment, freePort, type Spawned, spawnEntryPoint } from "./spawn-app.js";

/*
 * A replica as operators run it: a process of its own (`src/main.ts`, the way `npm start` runs it) with a bare
 * environment, so the tests can do to it what happens to processes: SIGKILL, SIGSTOP/SIGCONT, a restart.
 *
 * Every incarnation has its own bot token (`xoxb-replica-<i>-run-<n>-…`): the Slack simulator accepts any
 * well-formed token, and `call.token` then tells which replica, and which run of it, sent a message.
 *
 * A replica that exits without being told to is a crash; `assertNoCrash()` fails with its output.
 */

export type ReplicaOptions = {
  index: number;
  databaseUrl: string;
  slackApiUrl: string;
  /** Extra environment (e.g. OUTBOX_LEASE_SECONDS), after the defaults. */
  env?: Record<string, string>;
};

export type ReplicaExit = { code: number | null; signal: NodeJS.Signals | null; at: number; output: string };

export type ReplicaProcess = {
  readonly index: number;
  readonly port: number;
  readonly baseUrl: string;
  /** The bot token of the current incarnation. */
  readonly token: string;
  /** Every incarnation's token, oldest first. */
  readonly tokens: string[];
  readonly frozen: boolean;
  /** Spawns the process and waits until /readyz answers 200. */
  start(options?: { timeoutMs?: number }): Promise<void>;
  /** GET /readyz: the HTTP status, or 0 when nothing answered (dead, frozen, not listening). */
  readyz(timeoutMs?: number): Promise<number>;
  waitForReadyz(status: number, timeoutMs?: number): Promise<void>;
  /** Sends `signal`; returns Date.now() right after. SIGKILL also waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<number>;
  freeze(): number;
  thaw(): number;
  /** A new incarnation (new token) on the same port; the previous one must have exited. */
  restart(options?: { timeoutMs?: number }): Promise<void>;
  /** Throws with the process output when any incarnation exited on its own. */
  assertNoCrash(): void;
  crashes: ReplicaExit[];
  /** stdout and stderr of the current incarnation (the last `chars` characters). */
  output(chars?: number): string;
  /** Test teardown: thaw if frozen, SIGTERM, and SIGKILL after 6 s. */
  stop(): Promise<void>;
};

const running = new Set<Spawned>();
// A test process that dies without its afterAll must not leave replicas behind.
process.once("exit", () => {
  for (const spawned of running) {
    try {
      spawned.child.kill("SIGCONT");
      spawned.child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
});

const isRunning = (spawned: Spawned) => spawned.child.exitCode === null && spawned.child.signalCode === null;

export async function createReplica(options: ReplicaOptions): Promise<ReplicaProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const tokens: string[] = [];
  const crashes: ReplicaExit[] = [];
  let current: Spawned | undefined;
  let expectingExit = false;
  let frozen = false;

  const tail = (spawned: Spawned | undefined, chars = 4000) => {
    if (!spawned) return "(not started)";
    const text = `--- stdout\n${spawned.stdout()}\n--- stderr\n${spawned.stderr()}`;
    return text.length > chars ? `…${text.slice(-chars)}` : text;
  };

  const readyz = async (timeoutMs = 2500): Promise<number> => {
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  };

  const waitForReadyz = async (status: number, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    let last = -1;
    while (Date.now() < deadline) {
      if (current && !isRunning(current) && !expectingExit) break;
      last = await readyz();
      if (last === status) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(
      `replica ${options.index}: /readyz did not answer ${status} within ${timeoutMs} ms (last: ${last || "no answer"})\n${tail(current)}`,
    );
  };

  const spawnIncarnation = async (timeoutMs = 60_000) => {
    const token = `xoxb-replica-${options.index}-run-${tokens.length + 1}-0000000000`;
    tokens.push(token);
    const spawned = spawnEntryPoint(
      "src/main.ts",
      [],
      bareEnvironment({
        DATABASE_URL: options.databaseUrl,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: token,
        SLACK_API_URL: options.slackApiUrl,
        PORT: String(port),
        // Never on all interfaces: the tests stay on this machine.
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        ...options.env,
      }),
    );
    current = spawned;
    expectingExit = false;
    frozen = false;
    running.add(spawned);
    void spawned.exited.then((code) => {
      running.delete(spawned);
      if (spawned === current && !expectingExit) {
        crashes.push({ code, signal: spawned.child.signalCode, at: Date.now(), output: tail(spawned) });
      }
    });
    await waitForReadyz(200, timeoutMs);
  };

  const signal = (name: NodeJS.Signals) => {
    if (!current || !isRunning(current))
      throw new Error(`replica ${options.index} is not running\n${tail(current)}`);
    current.child.kill(name);
    return Date.now();
  };

  const replica: ReplicaProcess = {
    index: options.index,
    port,
    baseUrl,
    get token() {
      return tokens.at(-1) ?? "";
    },
    tokens,
    get frozen() {
      return frozen;
    },
    crashes,
    start: (o = {}) => spawnIncarnation(o.timeoutMs),
    readyz,
    waitForReadyz,
    async kill(name) {
      expectingExit = true;
      const at = signal(name);
      if (name === "SIGKILL") await current?.exited;
      return at;
    },
    freeze() {
      const at = signal("SIGSTOP");
      frozen = true;
      return at;
    },
    thaw() {
      const at = signal("SIGCONT");
      frozen = false;
      return at;
    },
    async restart(o = {}) {
      if (current && isRunning(current))
        throw new Error(`replica ${options.index} is still running; kill it before restarting`);
      await spawnIncarnation(o.timeoutMs);
    },
    assertNoCrash() {
      const [crash] = crashes;
      if (crash)
        throw new Error(
          `replica ${options.index} exited on its own (code ${crash.code}, signal ${crash.signal}):\n${crash.output}`,
        );
    },
    output: (chars) => tail(current, chars),
    async stop() {
      const spawned = current;
      if (!spawned || !isRunning(spawned)) return;
      expectingExit = true;
      spawned.child.kill("SIGCONT");
      spawned.child.kill("SIGTERM");
      const timer = setTimeout(() => spawned.child.kill("SIGKILL"), 6000);
      await spawned.exited;
      clearTimeout(timer);
    },
  };
  return replica;
}
