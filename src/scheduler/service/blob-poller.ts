import { newUuid, type RandomSource } from "../../core/index.js";
import type { BlobCursorEntry, TriggerStateRecord, TriggerStore } from "../../store/index.js";
import type { BlobEventsSpec, BlobEventType } from "../definition/trigger-spec.js";
import { blobMatches, containerOf, listPrefixOf, triggerBodyOf } from "../events/blob-match.js";
import { completeFire, plannedRunsFor } from "./fire-pipelines.js";
import type { BlobEventSource, RunStarter } from "./scheduler-deps.js";

/** Everything polling storage events needs. */
export interface BlobContext {
  readonly store: TriggerStore;
  readonly engine: RunStarter;
  readonly random: RandomSource;
  readonly owner: string;
  readonly leaseMs: number;
}

const key = (e: { container: string; path: string }): string => `${e.container}\u0000${e.path}`;

async function listing(source: BlobEventSource, spec: BlobEventsSpec): Promise<BlobCursorEntry[]> {
  const only = containerOf(spec);
  const containers = only === undefined ? await source.containers() : [only];
  const prefix = only === undefined ? "" : listPrefixOf(spec);
  const entries: BlobCursorEntry[] = [];
  for (const container of containers) {
    for await (const entry of source.list(container, prefix)) {
      if (!("path" in entry)) continue;
      entries.push({
        container,
        path: entry.path,
        size: entry.size,
        version: entry.etag ?? `${entry.size}-${entry.lastModified.getTime()}`,
      });
    }
  }
  return entries;
}

/**
 * One poll of a storage event trigger: lists its blobs and compares them with the stored
 * cursor. A new or rewritten blob is BlobCreated, a vanished one BlobDeleted. Each event is
 * recorded under a fire key naming the blob and its version before its runs are created, and
 * the cursor moves only after, so an event found again after a crash is not fired twice. The
 * first poll after a start only takes stock: ADF fires for events after the subscription.
 */
export async function pollBlobs(
  context: BlobContext,
  state: TriggerStateRecord,
  spec: BlobEventsSpec,
  source: BlobEventSource,
  now: number,
): Promise<number> {
  const current = await listing(source, spec);
  const known = new Map(
    (await context.store.listBlobCursor(state.factory, state.trigger)).map((e) => [key(e), e]),
  );
  const seen = current.filter((e) => known.get(key(e))?.version !== e.version);
  const present = new Set(current.map(key));
  const gone = [...known.values()].filter((e) => !present.has(key(e)));
  let fired = 0;
  if (state.eventBaseline) {
    for (const entry of seen)
      if (await fire(context, state.factory, spec, "BlobCreated", entry, now)) fired++;
    for (const entry of gone)
      if (await fire(context, state.factory, spec, "BlobDeleted", entry, now)) fired++;
  }
  await context.store.applyBlobCursor(state.factory, state.trigger, seen, gone);
  if (!state.eventBaseline)
    await context.store.setEventBaseline(state.factory, state.trigger, state.generation);
  return fired;
}

async function fire(
  context: BlobContext,
  factory: string,
  spec: BlobEventsSpec,
  event: BlobEventType,
  entry: BlobCursorEntry,
  now: number,
): Promise<boolean> {
  if (!spec.events.includes(event) || !blobMatches(spec, entry)) return false;
  if (event === "BlobCreated" && spec.ignoreEmptyBlobs && entry.size === 0) return false;
  const body = triggerBodyOf(entry);
  const run = await context.store.insertRun({
    triggerRunId: newUuid(context.random),
    factory,
    triggerName: spec.name,
    triggerType: spec.type,
    fireKey: `${event}:${entry.container}/${entry.path}:${entry.version}`,
    scheduledTime: now,
    triggerRunTimestamp: now,
    status: "Inprogress",
    properties: {
      ...body,
      event: `Microsoft.Storage.${event}`,
      scheduledTime: new Date(now).toISOString(),
      startTime: new Date(now).toISOString(),
    },
    plannedRuns: plannedRunsFor(spec.pipelines, context.random),
    leaseOwner: context.owner,
    leaseMs: context.leaseMs,
  });
  if (run === undefined) return false;
  await completeFire(context.store, context.engine, spec, run, spec.pipelines);
  return true;
}
