/** How waiting for a callback ended. */
export type CallbackWaitResult =
  | { readonly kind: "received"; readonly body: unknown }
  | { readonly kind: "timeout" }
  | { readonly kind: "aborted" };

/**
 * Waits for `received` at most `remainingMs` (none left: times out at once, unless the
 * callback is already there) or until `signal` aborts. The timer is released either way.
 */
export function waitForCallback(
  received: Promise<unknown>,
  remainingMs: number,
  signal: AbortSignal,
): Promise<CallbackWaitResult> {
  return new Promise<CallbackWaitResult>((resolve, reject) => {
    const cleanUp = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    };
    const finish = (result: CallbackWaitResult): void => {
      cleanUp();
      resolve(result);
    };
    const onAbort = (): void => finish({ kind: "aborted" });
    // A callback already delivered wins over a deadline already passed: its `then` runs
    // (a microtask) before this timer can fire.
    const timer = setTimeout(() => finish({ kind: "timeout" }), Math.max(0, remainingMs));
    if (signal.aborted) {
      finish({ kind: "aborted" });
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    received.then(
      (body) => finish({ kind: "received", body }),
      (error: unknown) => {
        cleanUp();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
