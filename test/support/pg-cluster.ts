import { execFile, execFileSync, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { appendFile, chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./spawn-app.js";

/*
 * A throwaway PostgreSQL cluster of a test's own (initdb + pg_ctl on a free port), for tests that stop and
 * start the database under running replicas. It never touches the shared server on 5432: its own data folder,
 * its own port, its own socket folder. initdb and pg_ctl refuse to run as root, so as root they run as the
 * `postgres` user, in a temporary folder chowned to it.
 */

const SHARED_SERVER_PORT = 5432;

export type PgClusterSupport = { ok: true; binDir: string } | { ok: false; reason: string };

let support: PgClusterSupport | undefined;

/** Whether this machine can run a cluster of its own (`pg_config --bindir` names initdb and pg_ctl). */
export function pgClusterSupport(): PgClusterSupport {
  support ??= probe();
  return support;
}

function probe(): PgClusterSupport {
  let binDir: string;
  try {
    binDir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  } catch {
    return { ok: false, reason: "pg_config is not on PATH (install the PostgreSQL server package)" };
  }
  for (const tool of ["initdb", "pg_ctl", "postgres"]) {
    if (!existsSync(path.join(binDir, tool))) return { ok: false, reason: `${binDir}/${tool} is missing` };
  }
  if (isRoot() && spawnSync("id", ["-u", "postgres"]).status !== 0)
    return { ok: false, reason: "running as root, but there is no postgres user to run initdb as" };
  return { ok: true, binDir };
}

const isRoot = () => process.getuid?.() === 0;

/** argv as the cluster's owner would run it: through `su postgres` when we are root. */
function asOwner(argv: string[]): [string, string[]] {
  return isRoot()
    ? ["su", ["postgres", "-c", argv.map(shellQuote).join(" ")]]
    : [argv[0] as string, argv.slice(1)];
}

/**
 * Runs a command as the cluster's owner without blocking the event loop: the test process also serves the
 * Slack simulator, which must keep answering the replicas while the database stops or starts.
 */
function runAsOwner(argv: string[], options: { allowFailure?: boolean } = {}): Promise<string> {
  const [file, args] = asOwner(argv);
  return new Promise((resolve, reject) => {
    execFile(file, args, { encoding: "utf8" }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error && !options.allowFailure) reject(new Error(`${argv.join(" ")} failed:\n${output}`));
      else resolve(output);
    });
  });
}

const shellQuote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

export type PgCluster = {
  port: number;
  /** The data folder (inside a temporary folder that also holds the socket and the server log). */
  dataDir: string;
  /** postgres://postgres@127.0.0.1:PORT/<database> (default: postgres). */
  url(database?: string): string;
  readonly running: boolean;
  start(): Promise<void>;
  /** fast: disconnect clients, checkpoint; immediate: like a crash (recovery at the next start). */
  stop(options?: { mode?: "fast" | "immediate" }): Promise<void>;
  /** The server log so far (for failure messages). */
  log(): Promise<string>;
  /** Stop (immediate) and remove every file. Safe to call twice. */
  destroy(): Promise<void>;
};

const live = new Set<{ dataDir: string; root: string; running: () => boolean }>();

// A test process that dies without its afterAll must not leave a postmaster behind.
process.once("exit", () => {
  for (const cluster of live) {
    if (cluster.running()) runAsOwnerSync(cluster.dataDir);
    rmSync(cluster.root, { recursive: true, force: true });
  }
});

function runAsOwnerSync(dataDir: string) {
  const { binDir } = pgClusterSupport() as { binDir: string };
  const [file, args] = asOwner([path.join(binDir, "pg_ctl"), "-D", dataDir, "-m", "immediate", "-w", "stop"]);
  spawnSync(file, args);
}

/** initdb + start on a free port (never 5432). Throws when pgClusterSupport() is not ok. */
export async function createPgCluster(): Promise<PgCluster> {
  const found = pgClusterSupport();
  if (!found.ok) throw new Error(`cannot start a PostgreSQL cluster: ${found.reason}`);
  const tool = (name: string) => path.join(found.binDir, name);
  const root = await mkdtemp(path.join(tmpdir(), "regiotafel-pg-"));
  const dataDir = path.join(root, "data");
  const logFile = path.join(root, "server.log");
  let port = await freePort();
  while (port === SHARED_SERVER_PORT) port = await freePort();
  let running = false;
  const entry = { dataDir, root, running: () => running };
  live.add(entry);

  try {
    if (isRoot()) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      await chown(root, uid, gid);
    }
    // --no-sync: nothing of this cluster needs to survive a power cut.
    await runAsOwner([
      tool("initdb"),
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
      "--no-sync",
    ]);
    await appendFile(
      path.join(dataDir, "postgresql.conf"),
      [
        "",
        "# A throwaway cluster for one test file (test/support/pg-cluster.ts).",
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${root}'`,
        // Durability is worthless here (the cluster is deleted after the test) and costs I/O on a shared
        // machine: no fsync, no synchronous commit, no full-page writes. Never do this with data you keep.
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "shared_buffers = 32MB",
        "max_connections = 100",
        "",
      ].join("\n"),
    );
  } catch (error) {
    live.delete(entry);
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  const cluster: PgCluster = {
    port,
    dataDir,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    get running() {
      return running;
    },
    async start() {
      await runAsOwner([tool("pg_ctl"), "-D", dataDir, "-l", logFile, "-w", "-t", "30", "start"]);
      running = true;
    },
    async stop({ mode = "fast" } = {}) {
      await runAsOwner([tool("pg_ctl"), "-D", dataDir, "-m", mode, "-w", "-t", "30", "stop"]);
      running = false;
    },
    log: () => readFile(logFile, "utf8").catch(() => ""),
    async destroy() {
      if (running) {
        await runAsOwner([tool("pg_ctl"), "-D", dataDir, "-m", "immediate", "-w", "stop"], {
          allowFailure: true,
        });
        running = false;
      }
      live.delete(entry);
      await rm(root, { recursive: true, force: true });
    },
  };
  try {
    await cluster.start();
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  return cluster;
}
