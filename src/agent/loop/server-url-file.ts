import { readFile, rename, writeFile } from "node:fs/promises";
import { AgentClient, type ServerAddress } from "../../client/index.js";
import type { AgentOptions } from "./agent-options.js";

/**
 * Keeps the server's URL in `file` (written whole, then renamed into place), so local agents
 * that outlived a killed server find it again when it restarts on another port.
 */
export async function writeServerUrl(file: string, url: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${url}\n`);
  await rename(temp, file);
}

/** The URL in `file`, or undefined when there is none (or it holds no http(s) URL). */
export async function readServerUrl(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = (await readFile(file, "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return /^https?:\/\/./.test(text) && URL.canParse(text) ? text.replace(/\/+$/, "") : undefined;
}

/**
 * The server's address for a local agent: `initialUrl` until a call fails to reach the
 * server, then whatever `file` holds (a restarted server may listen on another port); an
 * unreadable file leaves the address as it was.
 */
export function serverAddressFollowing(initialUrl: string, file: string): ServerAddress {
  let current = initialUrl.replace(/\/+$/, "");
  return {
    current: () => current,
    unreachable: async () => {
      current = (await readServerUrl(file).catch(() => undefined)) ?? current;
    },
  };
}

/** The agent's client, following the server through `serverUrlFile` when there is one. */
export function agentClientFor(
  options: Pick<AgentOptions, "serverUrl" | "token" | "serverUrlFile">,
): AgentClient {
  const { serverUrl, token, serverUrlFile } = options;
  return new AgentClient({
    url: serverUrl,
    token,
    ...(serverUrlFile === undefined
      ? {}
      : { address: serverAddressFollowing(serverUrl, serverUrlFile) }),
  });
}
