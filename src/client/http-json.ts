// JSON over node:http with kept-alive connections, for the node agent's calls: its hot path
// (completions with claims, heartbeats) costs a fraction of the CPU of `fetch` here, whose
// web streams and per-call objects cost about half a millisecond more per call.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** A finished call: the status and the body's text. */
export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
}

/** Connections kept open between calls, per scheme; few: an agent makes a few calls at once. */
const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 8 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 8 }),
};

/**
 * Sends `body` (already JSON, or none) with `headers` to `url` and reads the whole answer.
 * `signal` aborts the call (the promise rejects with its reason, as `fetch` does).
 */
export function sendJson(
  method: string,
  url: URL,
  headers: Readonly<Record<string, string>>,
  body: string | undefined,
  signal: AbortSignal | undefined,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(abortReason(signal));
      return;
    }
    const secure = url.protocol === "https:";
    const send = secure ? httpsRequest : httpRequest;
    const request = send(url, {
      method,
      agent: secure ? agents.https : agents.http,
      headers:
        body === undefined ? headers : { ...headers, "content-length": Buffer.byteLength(body) },
    });
    const onAbort = (): void => {
      request.destroy(abortReason(signal));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const done = (): void => signal?.removeEventListener("abort", onAbort);
    request.once("error", (error) => {
      done();
      reject(error);
    });
    request.once("response", (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.once("error", (error) => {
        done();
        reject(error);
      });
      response.once("end", () => {
        done();
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") });
      });
    });
    request.end(body);
  });
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(reason === undefined ? "This operation was aborted" : String(reason));
  error.name = "AbortError";
  return error;
}
