// Loads data and reloads it every few seconds while the page shows it (live updates without
// reloading the page); a newer answer always wins over an older one still in flight.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";

export interface Polled<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly loading: boolean;
  /** Loads again now (after an action such as cancel). */
  readonly refresh: () => void;
}

/**
 * Calls `load` now and whenever `deps` change, then every `intervalMs` (none when null).
 * Polling waits while the tab is hidden; data keeps showing while a reload is under way.
 */
export function usePoll<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  intervalMs: number | null,
): Polled<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const mine = ++generation.current;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      if (document.hidden && intervalMs !== null) {
        timer = setTimeout(run, intervalMs);
        return;
      }
      try {
        const data = await loadRef.current();
        if (mine === generation.current) setState({ data, loading: false });
      } catch (error) {
        if (mine === generation.current) {
          setState((old) => ({ ...old, error: error as Error, loading: false }));
        }
      }
      if (mine === generation.current && intervalMs !== null) timer = setTimeout(run, intervalMs);
    };
    setState((old) => ({ ...old, loading: true, error: undefined }));
    void run();
    return () => {
      generation.current++;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [...deps, intervalMs, tick]);

  const refresh = useCallback(() => setTick((value) => value + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, refresh };
}
