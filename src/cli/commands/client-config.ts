import { join, resolve } from "node:path";
import { SluiceError } from "../../core/index.js";

/** Where the server is and the token to reach it. */
export interface Connection {
  readonly url: string;
  readonly token: string;
}

/** The connection flags every Batch command takes. */
export interface ConnectionFlags {
  readonly server?: string | undefined;
  readonly dataDir?: string | undefined;
}

/** The server URL when neither `--server` nor `SLUICE_URL` names one. */
export const defaultServerUrl = "http://127.0.0.1:7070";

/**
 * Finds the server and its token: the URL from `--server`, else `SLUICE_URL`, else
 * http://127.0.0.1:7070; the token from `SLUICE_TOKEN`, else the file `token` in the data
 * directory (`--data-dir`, else `SLUICE_HOME`, else `.sluice` under `cwd`), where
 * `sluice server` writes it at first start.
 */
export async function resolveConnection(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  readFile: (path: string) => Promise<string>,
): Promise<Connection> {
  const url = serverUrl(flags.server, env.SLUICE_URL);
  const fromEnv = env.SLUICE_TOKEN?.trim();
  if (fromEnv) return { url, token: fromEnv };
  // Resolved here rather than through app's resolveDataDir: a client must not create the
  // directory, and loading app would pull the whole server stack into every CLI call.
  const dataDir = resolve(cwd, flags.dataDir ?? (env.SLUICE_HOME || ".sluice"));
  const path = join(dataDir, "token");
  let token: string;
  try {
    token = (await readFile(path)).trim();
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === "ENOENT";
    throw new SluiceError(
      "InvalidArgument",
      `No token to reach the server: SLUICE_TOKEN is not set and ${path} ${missing ? "does not exist" : `cannot be read (${String(cause)})`}. ` +
        "Set SLUICE_TOKEN, or point --data-dir (or SLUICE_HOME) at the server's data directory, where 'sluice server' writes the token.",
      { details: { field: "token", path }, cause },
    );
  }
  if (!token) {
    throw new SluiceError("InvalidArgument", `The token file ${path} is empty.`, {
      details: { field: "token", path },
    });
  }
  return { url, token };
}

function serverUrl(flag: string | undefined, env: string | undefined): string {
  const text = flag ?? (env || defaultServerUrl);
  const source = flag !== undefined ? "--server" : env ? "SLUICE_URL" : "the default";
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined; // reported just below, with the flag's name
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new SluiceError(
      "InvalidArgument",
      `${source} must be an http(s) URL such as ${defaultServerUrl}, but it is '${text}'.`,
      { details: { field: source, value: text } },
    );
  }
  return text.replace(/\/+$/, "");
}
