import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { build, staleReason } from "../scripts/build.mjs";
import { bareEnvironment, freePort, REPO_ROOT, type Spawned, spawnStart } from "../test/support/spawn-app.js";

const ROUNDS = 3;
const TARGET_RATIO = 1.5;

type Timing = { wall: number; cpu: number };

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU seconds a process has used so far, all its threads (Linux: /proc). On a machine shared with other work
 * this varies far less than the time on the clock, so it is printed next to it.
 */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** From spawning the app until the first 200 on /readyz. */
async function timeToReady(spawnApp: (env: NodeJS.ProcessEnv) => Spawned, dataDir: string): Promise<Timing> {
  const port = await freePort();
  const started = performance.now();
  const app = spawnApp(bareEnvironment({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn" }));
  try {
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return { wall: (performance.now() - started) / 1000, cpu: cpuSeconds(app.child.pid) };
      if (app.child.exitCode !== null) throw new Error(`app exited: ${app.stderr()}`);
      if (performance.now() - started > 120_000) throw new Error("not ready within 120 s");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    app.child.kill("SIGTERM");
    await app.exited;
  }
}

/** From spawning `bench/startup-pglite.mjs` until PGlite has created the folder and answered. */
function timePglite(folder: string): Promise<Timing> {
  const started = performance.now();
  const child = spawn(process.execPath, ["bench/startup-pglite.mjs", folder], { cwd: REPO_ROOT });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("ready\n"))
        resolve({ wall: (performance.now() - started) / 1000, cpu: cpuSeconds(child.pid) });
    });
    child.once("exit", (code) => {
      if (!out.includes("ready\n")) reject(new Error(`PGlite alone exited with ${code}`));
    });
  });
}

/** From source, transpiled by tsx at every start and without the template, as `npm start` ran before. For comparison only. */
const spawnFromSource = (env: NodeJS.ProcessEnv): Spawned => {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: REPO_ROOT, env });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  let err = "";
  child.stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  return {
    child,
    exited,
    stdout: () => "",
    stderr: () => err,
    waitForLog: () => Promise.reject(new Error("not used")),
    waitForLine: () => Promise.reject(new Error("not used")),
  };
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * Start-up on an empty data folder against PGlite alone creating one, alternated round by round in the same
 * run, so that a busy machine weighs on both alike (target: ratio ≤ 1.5).
 */
export async function benchStartup(): Promise<void> {
  // What npm install / npm ci did: the timed starts must not include a build.
  if (await staleReason()) await build();
  const times = { pglite: [] as Timing[], fresh: [] as Timing[], again: [] as Timing[], tsx: [] as Timing[] };
  for (let round = 0; round < ROUNDS; round++) {
    const folder = await mkdtemp(path.join(tmpdir(), "regiotafel-bench-start-"));
    try {
      times.pglite.push(await timePglite(path.join(folder, "alone", "pglite")));
      times.fresh.push(await timeToReady(spawnStart, path.join(folder, "app")));
      times.again.push(await timeToReady(spawnStart, path.join(folder, "app")));
      times.tsx.push(await timeToReady(spawnFromSource, path.join(folder, "tsx")));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
  const wall = (of: Timing[]) => median(of.map((t) => t.wall));
  const cpu = (of: Timing[]) => median(of.map((t) => t.cpu));
  const show = (of: Timing[]) =>
    `${wall(of).toFixed(2)} s (median of ${of.map((t) => t.wall.toFixed(2)).join(", ")}; CPU ${cpu(of).toFixed(2)} s)`;
  // Each round's ratio: the two starts of a round ran back to back, so they saw the same machine.
  const ratios = times.fresh.map((t, i) => t.wall / (times.pglite[i]?.wall ?? Number.NaN));
  const ratio = median(ratios);
  const cpuRatio = cpu(times.fresh) / cpu(times.pglite);
  console.log(`[startup] PGlite alone, create + open an empty database: ${show(times.pglite)}`);
  console.log(
    `[startup] npm start, empty data folder (create, migrate, seed, deliver) to /readyz 200: ${show(times.fresh)}`,
  );
  console.log(
    `[startup] ratio ${ratio.toFixed(2)}× (median of the rounds' ${ratios.map((r) => r.toFixed(2)).join(", ")}; target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? "met" : "NOT met"}); CPU ${cpuRatio.toFixed(2)}×`,
  );
  console.log(`[startup] npm start, existing data folder to /readyz 200: ${show(times.again)}`);
  console.log(
    `[startup] for comparison, from source with tsx (no dist/, so no database template), empty data folder: ${show(times.tsx)}`,
  );
}
