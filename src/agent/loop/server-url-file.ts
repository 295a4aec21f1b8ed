import { readFile, rename, writeFile } from "node:fs/promises";
import { AgentClient } from "../../client/index.js";
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
 * A `fetch` that sends what was meant for `initialUrl` to the server's current URL: after a
 * request fails to reach the server, it reads `file` again, and later requests (the agent
 * retries every failed call) go to the URL found there. Requests to other hosts (Azure
 * storage, say) pass unchanged.
 */
export function fetchFollowingServerUrl(
  initialUrl: string,
  file: string,
  fetchImpl: typeof fetch = fetch,
): typeof fetch {
  const initial = initialUrl.replace(/\/+$/, "");
  let current = initial;
  const target = (input: Parameters<typeof fetch>[0]): Parameters<typeof fetch>[0] => {
    const text = typeof input === "string" ? input : input instanceof URL ? input.href : undefined;
    if (text === undefined || current === initial) return input;
    const rest = text.startsWith(initial) ? text.slice(initial.length) : undefined;
    return rest !== undefined && /^([/?#]|$)/.test(rest) ? current + rest : input;
  };
  return async (input, init) => {
    try {
      return await fetchImpl(target(input), init);
    } catch (error) {
      // Not retried here: the body may have been a stream, spent now; the caller's own retry
      // sends it again. An unreadable file leaves the URL as it was.
      current = (await readServerUrl(file).catch(() => undefined)) ?? current;
      throw error;
    }
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
      : { fetch: fetchFollowingServerUrl(serverUrl, serverUrlFile) }),
  });
}
