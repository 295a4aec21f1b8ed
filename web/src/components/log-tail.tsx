// A task file read from where the last read ended (Batch's ocp-range), so a growing log is
// fetched once, not again and again. Stops after one last read when the task has finished.
import { useEffect, useRef, useState } from "preact/hooks";
import type { BatchApi } from "../api/batch-api.js";

/** Most characters kept on screen: older output scrolls away (the file stays whole). */
const keepChars = 512 * 1024;
const refreshMs = 1000;

export function LogTail(props: {
  batch: BatchApi;
  jobId: string;
  taskId: string;
  name: string;
  live: boolean;
}) {
  const [text, setText] = useState("");
  const [exists, setExists] = useState<boolean | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [follow, setFollow] = useState(true);
  const pre = useRef<HTMLPreElement>(null);
  const liveRef = useRef(props.live);
  liveRef.current = props.live;

  useEffect(() => {
    let stopped = false;
    let offset = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One decoder for the whole file: a character split across two reads decodes whole.
    const decoder = new TextDecoder();
    const read = async () => {
      const wasLive = liveRef.current;
      try {
        const chunk = await props.batch.readTaskFile(props.jobId, props.taskId, props.name, offset);
        if (stopped) return;
        setExists(chunk.exists);
        setError(undefined);
        if (chunk.bytes.length > 0) {
          offset = chunk.nextOffset;
          const added = decoder.decode(chunk.bytes, { stream: true });
          setText((old) => (old + added).slice(-keepChars));
        }
      } catch (caught) {
        if (!stopped) setError(caught as Error);
      }
      // After the task ends, one more read picks up the last bytes, then reading stops.
      if (!stopped && wasLive) timer = setTimeout(read, refreshMs);
    };
    void read();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [props.batch, props.jobId, props.taskId, props.name]);

  useEffect(() => {
    if (follow && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [text, follow]);

  return (
    <div class="log">
      <div class="log-head">
        <span class="muted" role="status">
          {exists === false
            ? `${props.name} does not exist yet.`
            : props.live
              ? "Following live."
              : "Task finished."}
        </span>
        <label>
          <input type="checkbox" checked={follow} onChange={() => setFollow(!follow)} /> Scroll to
          the end
        </label>
      </div>
      {error && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
      <pre
        class="log-text"
        ref={pre}
        tabIndex={0}
        aria-label={props.name}
        data-testid={`log-${props.name}`}
      >
        {text}
      </pre>
    </div>
  );
}
