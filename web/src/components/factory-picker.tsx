// Chooses the factory the runs and triggers pages show. There is no factory list in ADF's
// data-plane paths, so the user types a name; it is checked with GET /factories/{name}.
import { useEffect, useState } from "preact/hooks";
import { factoryApi } from "../api/factory-api.js";
import type { Http } from "../api/http.js";
import { pathOf, type Route } from "../logic/routes.js";
import { navigate } from "../router.js";

export function FactoryPicker({
  http,
  factory,
  route,
}: {
  http: Http;
  factory: string;
  route: Route;
}) {
  const [name, setName] = useState(factory);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setName(factory), [factory]);
  const submit = async (event: Event) => {
    event.preventDefault();
    const wanted = name.trim();
    if (wanted === "") return setError("Give a factory name.");
    try {
      await factoryApi(http, wanted).getFactory();
    } catch (caught) {
      return setError((caught as Error).message);
    }
    setError(undefined);
    // The same kind of page in the other factory: its list (a named item may not exist there).
    const page =
      route.page === "triggers" || route.page === "trigger"
        ? "triggers"
        : route.page === "pipelines" || route.page === "pipeline"
          ? "pipelines"
          : "runs";
    navigate(pathOf({ page, factory: wanted }));
  };
  return (
    <form class="factory-picker" onSubmit={submit} aria-label="Factory">
      <label for="factory-name">Factory</label>
      <input
        id="factory-name"
        value={name}
        onInput={(event) => setName((event.target as HTMLInputElement).value)}
        aria-invalid={error !== undefined}
        aria-describedby={error === undefined ? undefined : "factory-error"}
        autocomplete="off"
        spellcheck={false}
        size={12}
      />
      <button type="submit" class="secondary">
        Open
      </button>
      {error !== undefined && (
        <span id="factory-error" class="error inline" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
