// Goes straight to a run by its ID (pasted from a log or a CLI answer).
import { useState } from "preact/hooks";
import { pathOf } from "../logic/routes.js";
import { navigate } from "../router.js";

export function RunFinder({ factory }: { factory: string }) {
  const [runId, setRunId] = useState("");
  const submit = (event: Event) => {
    event.preventDefault();
    const wanted = runId.trim();
    if (wanted !== "") navigate(pathOf({ page: "run", factory, runId: wanted }));
  };
  return (
    <form class="inline-form finder" role="search" aria-label="Find a run" onSubmit={submit}>
      <label for="find-run">Run ID</label>
      <input
        id="find-run"
        value={runId}
        onInput={(event) => setRunId((event.target as HTMLInputElement).value)}
        autocomplete="off"
        spellcheck={false}
        size={38}
      />
      <button type="submit" class="secondary">
        Open run
      </button>
    </form>
  );
}
