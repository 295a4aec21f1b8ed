import { posix } from "node:path";
import { SluiceError, type JsonObject, type JsonValue } from "../../core/index.js";
import { classifyConnectionString } from "../connections/connection-string.js";
import type { LinkedStorageDeps } from "../connections/linked-storage.js";
import { openLinkedStorage } from "../connections/linked-storage.js";
import { resolveResource, type ResolvedDefinition } from "../connections/resolve-definition.js";
import type { ActivityInvocation } from "./activity-executor.js";
import { taskStorageOf, type TaskStorage } from "./custom-locations.js";
import { adfJobsContainer, runtimeFolder, type StagedFile } from "./custom-task.js";

/** What staging needs from the composition root. */
export type StagingDeps = LinkedStorageDeps & {
  readonly serverUrl: () => string;
  readonly now: number;
  /**
   * An account-wide shared access URL of the embedded storage (`<server>/sluice/storage?...`),
   * given to the task in linkedServices.json for linked services on the embedded storage: the
   * task's own way in, as a SAS URI is for Azure Storage. Default none.
   */
  readonly localSasUri?: () => string;
};

/** What a Custom attempt's task gets: its files, and where its logs go. */
export interface CustomStaging {
  readonly files: readonly StagedFile[];
  readonly jobsStorage: TaskStorage;
}

/** A `LinkedServiceReference`'s name and parameters, or undefined when absent. */
export function referenceOf(
  value: unknown,
): { readonly name: string; readonly parameters?: Record<string, unknown> } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const reference = value as { referenceName?: unknown; parameters?: unknown };
  if (typeof reference.referenceName !== "string") return undefined;
  const parameters =
    typeof reference.parameters === "object" && reference.parameters !== null
      ? (reference.parameters as Record<string, unknown>)
      : undefined;
  return parameters
    ? { name: reference.referenceName, parameters }
    : { name: reference.referenceName };
}

/**
 * Writes `activity.json`, `linkedServices.json` and `datasets.json` to
 * `adfjobs/<activityRunId>/runtime/` of the Batch linked service's storage (as ADF does) and
 * lists the `folderPath` files of `resourceLinkedService`, flattened to their names.
 */
export async function stageCustomFiles(
  invocation: ActivityInvocation,
  jobsService: ResolvedDefinition,
  deps: StagingDeps,
): Promise<CustomStaging> {
  const jobsStorage = await taskStorageOf(jobsService, adfJobsContainer, deps);
  const jobs = openLinkedStorage(jobsService, adfJobsContainer, deps).connector;
  const runtime = runtimeFolder(invocation.activityRunId);
  const documents = await runtimeDocuments(invocation, deps.localSasUri);
  // Written side by side, and beside the folder listing: a task's start waits on all of them.
  const [folder] = await Promise.all([
    folderFiles(invocation, deps),
    ...Object.entries(documents).map(([name, document]) =>
      jobs.write(`${runtime}/${name}`, JSON.stringify(document, null, 2)),
    ),
  ]);
  const files: StagedFile[] = Object.keys(documents).map((name) => ({
    name,
    url: jobsStorage.fileUrl(`${runtime}/${name}`),
  }));
  return { files: [...files, ...folder], jobsStorage };
}

// activity.json holds the activity as deployed with its typeProperties resolved, SecureString
// values in plain text as ADF writes them (the task needs them; monitoring masks them).
async function runtimeDocuments(
  invocation: ActivityInvocation,
  localSasUri: (() => string) | undefined,
): Promise<Record<string, JsonValue>> {
  const objects = (invocation.typeProperties.referenceObjects ?? {}) as {
    linkedServices?: unknown;
    datasets?: unknown;
  };
  const listOf = async (kind: "linkedService" | "dataset", refs: unknown): Promise<JsonValue[]> => {
    const list: JsonValue[] = [];
    for (const ref of Array.isArray(refs) ? refs : []) {
      const reference = referenceOf(ref);
      if (!reference) continue;
      const found =
        kind === "dataset"
          ? await invocation.resources.dataset(reference.name)
          : await invocation.resources.linkedService(reference.name);
      if (!found) {
        throw new SluiceError(
          "InvalidArgument",
          `referenceObjects names ${kind === "dataset" ? "dataset" : "linked service"} '${reference.name}', which does not exist in this factory.`,
          { details: { field: "referenceObjects", value: reference.name } },
        );
      }
      list.push({ name: found.name, properties: withLocalSas(found.properties, localSasUri) });
    }
    return list;
  };
  const activity = invocation.activity;
  return {
    "activity.json": {
      name: activity.name,
      type: activity.type,
      ...(activity.linkedServiceName ? { linkedServiceName: activity.linkedServiceName } : {}),
      typeProperties: invocation.typeProperties,
    } as unknown as JsonValue,
    "linkedServices.json": await listOf("linkedService", objects.linkedServices),
    "datasets.json": await listOf("dataset", objects.datasets),
  };
}

async function folderFiles(
  invocation: ActivityInvocation,
  deps: StagingDeps,
): Promise<StagedFile[]> {
  const reference = referenceOf(invocation.typeProperties.resourceLinkedService);
  const folderPath = invocation.typeProperties.folderPath;
  if (!reference && (folderPath === undefined || folderPath === null || folderPath === "")) {
    return [];
  }
  if (!reference || typeof folderPath !== "string" || folderPath.trim() === "") {
    throw new SluiceError(
      "InvalidArgument",
      "resourceLinkedService and folderPath must both be given or both be left out (ADF's rule).",
      { details: { field: reference ? "folderPath" : "resourceLinkedService" } },
    );
  }
  const [container = "", ...rest] = folderPath.split("/").filter((part) => part !== "");
  const prefix = rest.join("/");
  const service = await resolveResource(
    invocation.resources,
    "linkedService",
    reference.name,
    reference.parameters,
  );
  const storage = await taskStorageOf(service, container, deps);
  const connector = openLinkedStorage(service, container, deps).connector;
  const files: StagedFile[] = [];
  for await (const entry of connector.list(prefix === "" ? "" : `${prefix}/`)) {
    if (entry.kind !== "file") continue;
    files.push({ name: posix.basename(entry.path), url: storage.fileUrl(entry.path) });
  }
  return files;
}

// A linked service on the embedded storage gains a `sasUri` the task can use over HTTP.
function withLocalSas(properties: JsonObject, localSasUri: (() => string) | undefined): JsonObject {
  const typeProperties = properties.typeProperties;
  if (localSasUri === undefined || typeof typeProperties !== "object" || typeProperties === null) {
    return properties;
  }
  const connection = (typeProperties as JsonObject).connectionString;
  const text =
    typeof connection === "object" && connection !== null && !Array.isArray(connection)
      ? connection.value
      : connection;
  if (typeof text !== "string" || classifyConnectionString(text).kind !== "local")
    return properties;
  return {
    ...properties,
    typeProperties: { ...(typeProperties as JsonObject), sasUri: localSasUri() },
  };
}
