import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { bareEnvironment, freePort, spawnEntryPoint } from "../test/support/spawn-app.js";

/** Time from process start to the first 200 on /readyz, as `npm start` on a fresh machine (target ≤ 10 s). */
async function timeToReady(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const app = spawnEntryPoint(
    "src/main.ts",
    [],
    bareEnvironment({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn" }),
  );
  try {
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return (performance.now() - started) / 1000;
      if (app.child.exitCode !== null) throw new Error(`app exited: ${app.stderr()}`);
      if (performance.now() - started > 60_000) throw new Error("not ready within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    app.child.kill("SIGTERM");
    await app.exited;
  }
}

export async function benchStartup(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "regiotafel-bench-start-"));
  try {
    const fresh = await timeToReady(dataDir);
    console.log(
      `[start-up] empty data folder (migrate + seed) to /readyz 200: ${fresh.toFixed(2)} s (target ≤ 10 s)`,
    );
    const again = await timeToReady(dataDir);
    console.log(`[start-up] existing data folder to /readyz 200: ${again.toFixed(2)} s`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
