import { SluiceError, type JsonObject, type JsonValue } from "../../core/index.js";
import type { StorageFile } from "../../storage/index.js";
import { contentMd5 } from "../connections/content-md5.js";
import { itemPath } from "../connections/dataset-location.js";
import { openDatasetStorage, type DatasetStorage } from "../connections/dataset-storage.js";
import type { LinkedStorageDeps } from "../connections/linked-storage.js";
import type { ResolvedDefinition } from "../connections/resolve-definition.js";
import { dataMovementError } from "../data/copy-error.js";
import { fileFormatOf, isTabular } from "../data/file-format.js";
import { fileStructure, type StructureColumn } from "../data/file-structure.js";
import { isSqlDatasetType, resolveDataset } from "../data/sql/sql-dataset.js";
import { tableMetadata } from "../data/sql/sql-metadata.js";
import { userError } from "../engine/index.js";
import type { ActivityExecutor, ActivityInvocation, ActivityOutcome } from "./activity-executor.js";
import { metadataTime, parseFieldList, type MetadataField } from "./metadata-fields.js";

/** What GetMetadata needs: where the embedded local storage is, and a folder for staged files. */
export interface GetMetadataDeps extends LinkedStorageDeps {
  readonly tempRoot?: string;
}

/** The item a dataset names, as found in its storage. */
type Item =
  | { readonly kind: "file"; readonly file: StorageFile }
  | { readonly kind: "folder" }
  | { readonly kind: "missing"; readonly what: "file" | "folder" };

/**
 * ADF's GetMetadata on a file-based dataset (`typeProperties.dataset`, `fieldList`): a file
 * when the dataset names a `fileName`, else a folder. Fields: `itemName`, `itemType`
 * (`File`/`Folder`), `size` and `contentMD5` (files), `lastModified` (files; blob "folders"
 * have none), `childItems` (folders: `[{name, type}]`, one level, filtered by
 * `storeSettings.modifiedDatetimeStart/End` as ADF does), `exists`. A missing item fails the
 * activity unless `exists` is asked for, which then gives `{exists: false}`. `structure`
 * (`[{name, type}]`, ADF's interim type names) and `columnCount` of a DelimitedText, Parquet
 * or Avro file (ADF has them for no Binary or JSON file). On a SQL table dataset:
 * `structure`, `columnCount` and `exists` (see `tableMetadata`).
 */
export function createGetMetadataExecutor(deps: GetMetadataDeps): ActivityExecutor {
  return {
    async run(invocation: ActivityInvocation): Promise<ActivityOutcome> {
      const props = invocation.typeProperties;
      const dataset = await resolveDataset(invocation.resources, props.dataset);
      if (isSqlDatasetType(dataset.type)) return sqlMetadata(invocation, dataset);
      const fields = parseFieldList(props.fieldList);
      const opened = await openDatasetStorage(invocation.resources, props.dataset, deps);
      const item = await findItem(opened);
      if (item.kind === "missing") {
        if (fields.includes("exists")) return { status: "Succeeded", output: { exists: false } };
        return missingItem(invocation.activity.name, opened, item.what);
      }
      const structure = structureReader(item, opened, invocation.signal, deps.tempRoot);
      const output: JsonObject = {};
      try {
        for (const field of fields) {
          const value = await fieldValue(field, item, opened, props, invocation.signal, structure);
          if (value !== undefined) output[field] = value;
        }
      } catch (error) {
        if (error instanceof SluiceError && error.code === "InvalidArgument") throw error;
        // The file could not be read as its format says: ADF's data movement error.
        return {
          status: "Failed",
          error: dataMovementError(invocation.activity.name, error, new Map()),
        };
      }
      return { status: "Succeeded", output };
    },
  };
}

async function sqlMetadata(
  invocation: ActivityInvocation,
  dataset: ResolvedDefinition,
): Promise<ActivityOutcome> {
  const { fieldList } = invocation.typeProperties;
  try {
    const output = await tableMetadata(invocation.resources, dataset, fieldList, invocation.signal);
    return { status: "Succeeded", output };
  } catch (error) {
    if (error instanceof SluiceError && error.code === "InvalidArgument") throw error;
    return {
      status: "Failed",
      error: dataMovementError(invocation.activity.name, error, new Map()),
    };
  }
}

async function findItem(opened: DatasetStorage): Promise<Item> {
  const { location, storage } = opened;
  if (location.fileName !== "") {
    const file = await storage.connector.stat(itemPath(location));
    return file === undefined ? { kind: "missing", what: "file" } : { kind: "file", file };
  }
  const exists = await storage.folderExists(location.folderPath);
  return exists ? { kind: "folder" } : { kind: "missing", what: "folder" };
}

async function fieldValue(
  field: MetadataField,
  item: Exclude<Item, { kind: "missing" }>,
  opened: DatasetStorage,
  props: Readonly<Record<string, unknown>>,
  signal: AbortSignal,
  structure: () => Promise<StructureColumn[] | undefined>,
): Promise<JsonValue | undefined> {
  const file = item.kind === "file" ? item.file : undefined;
  switch (field) {
    case "structure":
      return (await structure()) as JsonValue | undefined;
    case "columnCount":
      return (await structure())?.length;
    case "exists":
      return true;
    case "itemName":
      return itemName(opened);
    case "itemType":
      return file === undefined ? "Folder" : "File";
    case "size":
      return file?.size;
    case "lastModified":
      return file === undefined ? undefined : metadataTime(file.lastModified);
    case "contentMD5":
      return file === undefined
        ? undefined
        : contentMd5(opened.storage.connector, file.path, signal);
    case "childItems":
      return file === undefined ? childItems(opened, props.storeSettings, signal) : undefined;
    case "created":
      // The storage port keeps no creation time (Azure Blob has none in ADF either).
      return undefined;
  }
}

/**
 * Reads a file's columns once, however many fields need them; a folder has none. A format
 * without columns (Binary, JSON) is refused as ADF refuses it.
 */
function structureReader(
  item: Exclude<Item, { kind: "missing" }>,
  opened: DatasetStorage,
  signal: AbortSignal,
  tempRoot: string | undefined,
): () => Promise<StructureColumn[] | undefined> {
  let columns: Promise<StructureColumn[] | undefined> | undefined;
  return () => {
    columns ??= (async () => {
      if (item.kind !== "file") return undefined;
      const format = fileFormatOf(opened.dataset);
      if (!isTabular(format) || format.kind === "json") {
        throw new SluiceError(
          "InvalidArgument",
          `GetMetadata 'structure' and 'columnCount' read a file's columns, but dataset '${opened.dataset.name}' is ${opened.dataset.type}; as in ADF they are available for DelimitedText, Parquet and Avro files (and SQL tables), not Binary or JSON ones.`,
          { details: { field: "fieldList", value: opened.dataset.type } },
        );
      }
      return fileStructure(opened.storage, item.file, format, signal, tempRoot);
    })();
    return columns;
  };
}

function itemName(opened: DatasetStorage): string {
  const { location, storage } = opened;
  if (location.fileName !== "") return location.fileName;
  const segments = location.folderPath.split("/");
  return location.folderPath === "" ? storage.container : (segments[segments.length - 1] ?? "");
}

async function childItems(
  opened: DatasetStorage,
  storeSettings: unknown,
  signal: AbortSignal,
): Promise<JsonValue> {
  const folder = opened.location.folderPath;
  const prefix = folder === "" ? "" : `${folder}/`;
  const window = modifiedWindow(storeSettings);
  const children: JsonValue[] = [];
  for await (const entry of opened.storage.connector.list(prefix, { recursive: false })) {
    signal.throwIfAborted();
    const name = entry.path.slice(prefix.length);
    if (entry.kind === "directory") {
      // ADF: with a modified-time filter, childItems holds only files.
      if (window === undefined) children.push({ name, type: "Folder" });
    } else if (window === undefined || window(entry.lastModified)) {
      children.push({ name, type: "File" });
    }
  }
  return children;
}

/** `modifiedDatetimeStart` (inclusive) / `modifiedDatetimeEnd` (exclusive), when either is set. */
function modifiedWindow(storeSettings: unknown): ((time: Date) => boolean) | undefined {
  if (storeSettings === null || typeof storeSettings !== "object") return undefined;
  const settings = storeSettings as Record<string, unknown>;
  const start = timeOf(settings.modifiedDatetimeStart);
  const end = timeOf(settings.modifiedDatetimeEnd);
  if (start === undefined && end === undefined) return undefined;
  return (time) =>
    (start === undefined || time.getTime() >= start) && (end === undefined || time.getTime() < end);
}

function timeOf(value: unknown): number | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  // ADF reads a time without a zone as UTC; Date.parse would read it as local time.
  const trimmed = value.trim();
  const zoned = /(Z|[+-]\d\d:?\d\d)$/iu.test(trimmed) || /^\d{4}-\d\d-\d\d$/u.test(trimmed);
  const text = zoned ? trimmed : `${trimmed}Z`;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function missingItem(
  activityName: string,
  opened: DatasetStorage,
  what: "file" | "folder",
): ActivityOutcome {
  const path = itemPath(opened.location);
  const where = opened.storage.container === "" ? "" : ` in '${opened.storage.container}'`;
  const message =
    `The ${what} '${path}'${where} of dataset '${opened.dataset.name}' does not exist. ` +
    `Add 'exists' to the fieldList to get {"exists": false} instead of a failure.`;
  return { status: "Failed", error: userError(activityName, "UserErrorFileNotFound", message) };
}
