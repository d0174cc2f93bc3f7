import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The environment of a machine where nothing is configured, plus `extra`. */
export function bareEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

export type Spawned = {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves with the first JSON log line for which `match` is true. */
  waitForLog(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Resolves with the first complete line of stdout (text or JSON) for which `match` is true. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
};

/** Runs a TypeScript entry point of this repo from its source (node --import tsx), as `npm run cli` does. */
export function spawnEntryPoint(entry: string, args: string[], env: NodeJS.ProcessEnv): Spawned {
  return spawnNode(["--import", "tsx", entry, ...args], env);
}

/** Runs the bot exactly as `npm start` does: the built dist/ (rebuilt first when the sources are newer). */
export function spawnStart(env: NodeJS.ProcessEnv): Spawned {
  return spawnNode(["scripts/start.mjs"], env);
}

function spawnNode(args: string[], env: NodeJS.ProcessEnv): Spawned {
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env });
  let out = "";
  let err = "";
  const listeners = new Set<() => void>();
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitFor = <T>(find: (lines: string[]) => T | undefined, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        // The last piece may be a line still being written.
        const found = find(out.split("\n").slice(0, -1));
        if (found === undefined) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching ${what} within ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`));
      }, timeoutMs);
      const onExit = () => {
        cleanup();
        reject(new Error(`process exited before the ${what} appeared; stdout:\n${out}\nstderr:\n${err}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off("exit", onExit);
      };
      listeners.add(check);
      child.once("exit", onExit);
      check();
    });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLog: (match, timeoutMs = 20_000) =>
      waitFor(
        (lines) =>
          lines
            .filter((raw) => raw.startsWith("{"))
            .map((raw) => JSON.parse(raw) as Record<string, unknown>)
            .find(match),
        "log line",
        timeoutMs,
      ),
    waitForLine: (match, timeoutMs = 20_000) => waitFor((lines) => lines.find(match), "line", timeoutMs),
  };
}
