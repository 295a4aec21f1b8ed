import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";

/**
 * The data directory: `--data-dir`, else `SLUICE_HOME`, else `.sluice` under the working
 * directory. Created owner-only (0700) on first use.
 */
export async function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<string> {
  const dir = resolve(cwd, flag ?? env.SLUICE_HOME ?? ".sluice");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, "package.json"), packageScope, { flag: "wx" }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    },
  );
  return dir;
}

/**
 * Written at the data directory's root: Node.js scripts that tasks run from under it (the
 * embedded nodes' working directories) belong to no enclosing package. Without it a data
 * directory inside an ES-module project (`"type": "module"`, as Sluice's own checkout) turns
 * every task's `node script.js` into an ES module, and CommonJS scripts fail on `require`.
 */
const packageScope = `${JSON.stringify(
  {
    name: "sluice-data",
    private: true,
    type: "commonjs",
    description:
      "Sluice's data directory: keeps task scripts out of any enclosing Node.js package.",
  },
  null,
  2,
)}
`;

/** Path of the server token inside a data directory. */
export function tokenPath(dataDir: string): string {
  return join(dataDir, "token");
}

/**
 * The server's token: read from `<dataDir>/token`, or created there at first start (256
 * random bits, base64url, file mode 0600).
 */
export function loadOrCreateToken(dataDir: string): Promise<string> {
  return loadOrCreateSecret(tokenPath(dataDir));
}

/**
 * The key the server signs the embedded storage's shared access signatures with:
 * `<dataDir>/storage-key`, created like the token. It never leaves the server.
 */
export async function loadOrCreateStorageKey(dataDir: string): Promise<Uint8Array> {
  return Buffer.from(await loadOrCreateSecret(join(dataDir, "storage-key")), "base64url");
}

/**
 * A secret file's text, or a new secret written there: whole to a temporary file, then
 * hard-linked into place, which fails if the file exists. Two servers starting at once agree
 * (the loser reads the winner's secret) and nobody ever reads a half-written file.
 */
async function loadOrCreateSecret(path: string): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temporary, `${secret}\n`, { mode: 0o600, flag: "wx" });
  try {
    await link(temporary, path);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return (await readFile(path, "utf8")).trim();
  } finally {
    await unlink(temporary);
  }
}
