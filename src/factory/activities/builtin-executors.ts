import type { Clock, RandomSource } from "../../core/index.js";
import type { ActivityExecutors } from "./activity-executor.js";
import { createGetMetadataExecutor } from "./get-metadata-activity.js";
import { createWebActivityExecutor } from "./web-activity.js";
import type { WebhookCallbacks } from "./webhook-callbacks.js";
import { createWebHookExecutor } from "./webhook-activity.js";

/** What the built-in execution activities need from the composition root. */
export interface BuiltinExecutorDeps {
  readonly clock: Clock;
  readonly random: RandomSource;
  /** The registry the WebHook callback route delivers to; one per server. */
  readonly callbacks: WebhookCallbacks;
  /**
   * The server's base URL as called services reach it (`http://127.0.0.1:8080`), or a
   * function giving it once the server listens. WebHook callback URIs start with it.
   */
  readonly callbackBaseUrl: string | (() => string);
  /**
   * The embedded local storage's folder (the data directory's `storage/`, whose
   * subfolders are containers). Without it, `UseLocalStorage=true` linked services are refused.
   */
  readonly localStorageRoot?: string;
  /** Wait between polls of a Web activity's 202 `Location` without `Retry-After`; default 5 s. */
  readonly webAsyncPollIntervalMs?: number;
}

/** Executors for `WebActivity`, `WebHook` and `GetMetadata`, keyed by ADF's activity type. */
export function createBuiltinExecutors(deps: BuiltinExecutorDeps): ActivityExecutors {
  return {
    WebActivity: createWebActivityExecutor({
      ...(deps.webAsyncPollIntervalMs === undefined
        ? {}
        : { asyncPollIntervalMs: deps.webAsyncPollIntervalMs }),
    }),
    WebHook: createWebHookExecutor(deps),
    GetMetadata: createGetMetadataExecutor(
      deps.localStorageRoot === undefined ? {} : { localStorageRoot: deps.localStorageRoot },
    ),
  };
}
