import { open, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { RegiotafelError } from "../domain/errors.js";

/** The embedded database folder is already open in another process (PGlite allows one at a time). */
export class DataDirInUseError extends RegiotafelError {
  readonly code = "DATA_DIR_IN_USE";
  constructor(dataDir: string, pid: number) {
    super(
      `De lokale database in ${dataDir} is in gebruik door proces ${pid} (draait npm start al?). Stop dat proces eerst, of gebruik een andere map (DATA_DIR=./data-2 npm start) of PostgreSQL (DATABASE_URL=postgres://…).`,
    );
    this.name = "DataDirInUseError";
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Claims `dataDir` for this process with a pid file, because two processes writing one PGlite folder corrupt
 * it (say `npm run cli -- import` while `npm start` runs). A lock left by a crashed process is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, "regiotafel.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner))
        throw new DataDirInUseError(dataDir, owner);
      await rm(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
