import type { Clock, RandomSource } from "../../core/index.js";
import type { ActivityExecutors } from "./activity-executor.js";
import { createCopyExecutor } from "./copy-activity.js";
import { createDeleteExecutor } from "./delete-activity.js";
import { createGetMetadataExecutor } from "./get-metadata-activity.js";
import { createLookupExecutor } from "./lookup-activity.js";
import { createScriptExecutor } from "./script-activity.js";
import { createValidationExecutor } from "./validation-activity.js";
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
  /** Folder for data movement's staged and temporary files; default the OS temp folder. */
  readonly dataTempRoot?: string;
}

/**
 * Executors for `WebActivity`, `WebHook`, `GetMetadata`, `Copy`, `Lookup`, `Delete`,
 * `Validation` and `Script`, keyed by ADF's activity type.
 */
export function createBuiltinExecutors(deps: BuiltinExecutorDeps): ActivityExecutors {
  const storage = {
    ...(deps.localStorageRoot === undefined ? {} : { localStorageRoot: deps.localStorageRoot }),
    ...(deps.dataTempRoot === undefined ? {} : { tempRoot: deps.dataTempRoot }),
  };
  return {
    WebActivity: createWebActivityExecutor({
      ...(deps.webAsyncPollIntervalMs === undefined
        ? {}
        : { asyncPollIntervalMs: deps.webAsyncPollIntervalMs }),
    }),
    WebHook: createWebHookExecutor(deps),
    GetMetadata: createGetMetadataExecutor(storage),
    Copy: createCopyExecutor({ ...storage, clock: deps.clock }),
    Lookup: createLookupExecutor(storage),
    Delete: createDeleteExecutor({ ...storage, clock: deps.clock }),
    Validation: createValidationExecutor({ ...storage, clock: deps.clock }),
    Script: createScriptExecutor(),
  };
}
