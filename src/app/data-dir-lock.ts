import { readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SluiceError } from "../core/index.js";

/** A held lock on a data directory; release it on shutdown. */
export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * Takes `<dataDir>/sluice.pid` for this process, so a second `sluice up` on the same data
 * directory refuses (`DataDirInUse`) instead of sharing a SQLite file and local agents with
 * the first. A lock left by a process that no longer runs (a kill -9) is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, "sluice.pid");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
      return { release: () => releaseIfOurs(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number((await readFile(path, "utf8").catch(() => "")).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
      throw new SluiceError(
        "DataDirInUse",
        `Another Sluice (process ${holder}) is running on ${dataDir}; stop it first, or give another --data-dir.`,
        { details: { field: "data-dir", value: dataDir, pid: holder } },
      );
    }
    // The holder is gone: remove its stale lock and try again.
    await unlink(path).catch(() => undefined);
  }
  throw new SluiceError(
    "DataDirInUse",
    `Could not lock ${dataDir}: another process keeps taking it.`,
    {
      details: { field: "data-dir", value: dataDir },
    },
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function releaseIfOurs(path: string): Promise<void> {
  const holder = Number((await readFile(path, "utf8").catch(() => "")).trim());
  if (holder === process.pid) await unlink(path).catch(() => undefined);
}
