import { SluiceError } from "../../core/index.js";
import type { FactoryService } from "../../factory/index.js";
import { canonicalJson, createTriggerStore, type Database } from "../../store/index.js";

/**
 * The factory service, refusing as ADF does to change a started trigger: a deploy or a
 * trigger PUT that would change the definition of a trigger that is Started fails with
 * `InvalidArgument` naming each such trigger and what to do (stop it, write, start it
 * again), and stores nothing. A started trigger written unchanged is no change and passes,
 * so deploying the same factory again (a restarted `sluice up`) works. Deleting a trigger
 * is left alone. The check reads before the write: a start racing a PUT is not caught.
 */
export function guardStartedTriggers(
  factories: FactoryService,
  database: Database,
): FactoryService {
  const store = createTriggerStore(database);
  const refuseChanges = async (factory: string, triggers: readonly unknown[]) => {
    const started = (await store.listStates(factory).catch(() => []))
      .filter((state) => state.runtimeState === "Started")
      .map((state) => state.trigger.toLowerCase());
    if (started.length === 0) return;
    const changed: string[] = [];
    for (const trigger of triggers) {
      const { name, properties } = (trigger ?? {}) as { name?: unknown; properties?: unknown };
      if (typeof name !== "string" || !started.includes(name.toLowerCase())) continue;
      const stored = await factories.getResource(factory, "trigger", name).catch(() => undefined);
      if (stored !== undefined && !sameDefinition(stored.properties, properties))
        changed.push(stored.name);
    }
    if (changed.length > 0) throw startedTriggerChanged(factory, changed);
  };
  return {
    deploy: async (body, options) => {
      const triggers = (body as { triggers?: unknown } | null)?.triggers;
      if (Array.isArray(triggers)) await refuseChanges(options.factory, triggers);
      return factories.deploy(body, options);
    },
    putResource: async (factory, kind, name, body, options) => {
      if (kind === "trigger") {
        const properties = (body as { properties?: unknown } | null)?.properties;
        await refuseChanges(factory, [{ name, properties }]);
      }
      return factories.putResource(factory, kind, name, body, options);
    },
    getFactory: (name) => factories.getFactory(name),
    putFactory: (name, body, options) => factories.putFactory(name, body, options),
    getResource: (factory, kind, name) => factories.getResource(factory, kind, name),
    listResources: (factory, kind, options) => factories.listResources(factory, kind, options),
    deleteResource: (factory, kind, name, options) =>
      factories.deleteResource(factory, kind, name, options),
  };
}

/** Equal definitions, whatever their key order; `runtimeState` (read-only in ADF) aside. */
function sameDefinition(stored: unknown, given: unknown): boolean {
  const comparable = (value: unknown): string => {
    if (value === null || typeof value !== "object" || Array.isArray(value))
      return canonicalJson(value ?? null, "trigger properties");
    const rest: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    delete rest.runtimeState;
    return canonicalJson(rest, "trigger properties");
  };
  try {
    return comparable(stored) === comparable(given);
  } catch {
    // Not JSON the store could hold: the write itself refuses it with its own message.
    return true;
  }
}

function startedTriggerChanged(factory: string, names: readonly string[]): SluiceError {
  const list = names.map((name) => `"${name}"`).join(", ");
  const one = names.length === 1;
  const example = names[0] ?? "";
  return new SluiceError(
    "InvalidArgument",
    `${one ? "Trigger" : "Triggers"} ${list} of factory "${factory}" ${one ? "is" : "are"} started, and a started trigger cannot be changed (as in ADF); nothing was stored. Stop ${one ? "it" : "them"} first (sluice trigger stop ${example} --factory ${factory}, or POST .../triggers/${example}/stop), write the change, then start ${one ? "it" : "them"} again.`,
    { details: { field: "triggers", value: [...names], runtimeState: "Started" } },
  );
}
