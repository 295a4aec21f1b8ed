// A user action against the API (start, stop, rerun): busy while it runs, its error kept to
// show beside the control.
import { useCallback, useState } from "preact/hooks";

export interface Action {
  readonly busy: boolean;
  readonly error: Error | undefined;
  /** Runs `work`; a failure is kept in `error`, never thrown. */
  readonly act: (work: () => Promise<void>) => Promise<void>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const act = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, act };
}
