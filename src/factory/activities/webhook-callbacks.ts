import { timingSafeEqual } from "node:crypto";
import { SluiceError } from "../../core/index.js";

/** Who a callback is for: the activity run, its factory, and the token only its URL holds. */
export interface CallbackKey {
  readonly factory: string;
  readonly activityRunId: string;
  readonly token: string;
}

/** One WebHook attempt waiting for its callback. */
export interface WebhookWait {
  /** Resolves with the callback's JSON body (null when it had none). */
  readonly received: Promise<unknown>;
  /** Stops waiting; a later callback for this key is refused. Idempotent. */
  close(): void;
}

/** What {@link WebhookCallbacks.deliver} did: handed the body to a waiter, or found none. */
export type CallbackDelivery = "accepted" | "unknown";

/**
 * The WebHook callbacks this server waits for, in memory. A WebHook executor registers
 * before it sends its request (the callback may come before the request's reply) and again
 * when the engine resumes it after a restart; the callback route delivers. A callback is
 * accepted once, and only with its factory (any case), activity run id and exact token.
 */
export interface WebhookCallbacks {
  expect(key: CallbackKey): WebhookWait;
  deliver(key: CallbackKey, body: unknown): CallbackDelivery;
  /** Waits now open. */
  readonly size: number;
}

interface Waiter {
  readonly key: CallbackKey;
  readonly resolve: (body: unknown) => void;
  readonly reject: (error: Error) => void;
}

/** An empty registry; the composition root makes one and gives it to executors and routes. */
export function createWebhookCallbacks(): WebhookCallbacks {
  const waiters = new Map<string, Waiter>();
  return {
    expect(key) {
      // A newer attempt (or a resumed one) for the same run replaces the older wait.
      waiters.get(key.activityRunId)?.reject(superseded(key.activityRunId));
      let waiter: Waiter | undefined;
      const received = new Promise<unknown>((resolve, reject) => {
        waiter = { key, resolve, reject };
      });
      // Nobody may await a superseded wait; keep its rejection from being reported unhandled.
      received.catch(() => undefined);
      if (waiter !== undefined) waiters.set(key.activityRunId, waiter);
      const mine = waiter;
      return {
        received,
        close() {
          if (waiters.get(key.activityRunId) === mine) waiters.delete(key.activityRunId);
        },
      };
    },
    deliver(key, body) {
      const waiter = waiters.get(key.activityRunId);
      if (waiter === undefined || !matches(waiter.key, key)) return "unknown";
      waiters.delete(key.activityRunId);
      waiter.resolve(body);
      return "accepted";
    },
    get size() {
      return waiters.size;
    },
  };
}

function matches(expected: CallbackKey, given: CallbackKey): boolean {
  if (expected.factory.toLowerCase() !== given.factory.toLowerCase()) return false;
  const a = Buffer.from(expected.token, "utf8");
  const b = Buffer.from(given.token, "utf8");
  // Compared in constant time so response timing never reveals how much of a token was right.
  return a.length === b.length && timingSafeEqual(a, b);
}

function superseded(activityRunId: string): SluiceError {
  return new SluiceError(
    "Internal",
    `A newer wait for the callback of activity run ${activityRunId} replaced this one.`,
    { details: { activityRunId } },
  );
}
