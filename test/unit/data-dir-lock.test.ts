import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirInUseError, lockDataDir } from "../../src/db/data-dir-lock.js";

describe("lockDataDir", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "regiotafel-lock-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const pidFile = () => path.join(dir, "regiotafel.pid");

  it("writes this process's pid and removes it on release", async () => {
    const release = await lockDataDir(dir);
    expect(await readFile(pidFile(), "utf8")).toBe(String(process.pid));
    await release();
    await expect(readFile(pidFile(), "utf8")).rejects.toThrow();
  });

  it("refuses a folder held by another live process, naming it in Dutch", async () => {
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    try {
      await writeFile(pidFile(), String(other.pid));
      const error = await lockDataDir(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirInUseError);
      expect((error as Error).message).toContain(`is in gebruik door proces ${other.pid}`);
      expect(await readFile(pidFile(), "utf8")).toBe(String(other.pid));
    } finally {
      other.kill();
    }
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.once("exit", resolve));
    await writeFile(pidFile(), String(gone.pid));
    const release = await lockDataDir(dir);
    expect(await readFile(pidFile(), "utf8")).toBe(String(process.pid));
    await release();
  });
});
