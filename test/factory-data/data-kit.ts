// What the data movement suites share: a factory of parameterized datasets over a local
// container store, a FileServer share and (optionally) Azurite, and Copy invocations.
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { JsonObject } from "../../src/core/index.js";
import type { NamedDefinition } from "../../src/factory/index.js";
import {
  invocationOf,
  resourcesOf,
  type TestInvocation,
} from "../factory-activities/activity-kit.js";

/** Linked services: `Local` (UseLocalStorage), `Share` (FileServer at `shareRoot`), `Blob` (Azurite). */
export function linkedServices(
  shareRoot: string,
  blobConnectionString?: string,
): NamedDefinition[] {
  const services: NamedDefinition[] = [
    {
      name: "Local",
      properties: {
        type: "AzureBlobStorage",
        typeProperties: { connectionString: "UseLocalStorage=true" },
      },
    },
    { name: "Share", properties: { type: "FileServer", typeProperties: { host: shareRoot } } },
  ];
  if (blobConnectionString !== undefined) {
    services.push({
      name: "Blob",
      properties: {
        type: "AzureBlobStorage",
        typeProperties: { connectionString: { type: "SecureString", value: blobConnectionString } },
      },
    });
  }
  return services;
}

/**
 * A dataset named `name` of `type` on linked service `service`, its container, folder and
 * file taken from parameters `container`, `folder`, `file` (all default "").
 */
export function dataset(
  name: string,
  type: string,
  service: string,
  typeProperties: JsonObject = {},
): NamedDefinition {
  const isShare = service === "Share";
  const location: JsonObject = isShare
    ? { type: "FileServerLocation", folderPath: "@dataset().folder", fileName: "@dataset().file" }
    : {
        type: "AzureBlobStorageLocation",
        container: "@dataset().container",
        folderPath: "@dataset().folder",
        fileName: "@dataset().file",
      };
  return {
    name,
    properties: {
      type,
      linkedServiceName: { referenceName: service, type: "LinkedServiceReference" },
      parameters: {
        container: { type: "String", defaultValue: "" },
        folder: { type: "String", defaultValue: "" },
        file: { type: "String", defaultValue: "" },
      },
      typeProperties: { location, ...typeProperties },
    },
  };
}

/** A dataset reference with location parameters. */
export function ref(name: string, parameters: Record<string, string> = {}): JsonObject {
  return { referenceName: name, type: "DatasetReference", parameters };
}

/** A Copy invocation from `input` to `output` with these typeProperties. */
export function copyOf(
  defs: { linkedServices: NamedDefinition[]; datasets: NamedDefinition[] },
  input: JsonObject,
  output: JsonObject,
  typeProperties: Record<string, unknown> = {},
  options: { activityRunId?: string; signal?: AbortSignal } = {},
): TestInvocation {
  const props = { source: {}, sink: {}, ...typeProperties };
  const invocation = invocationOf("Copy", props, { resources: resourcesOf(defs), ...options });
  return {
    ...invocation,
    activity: { ...invocation.activity, inputs: [input as never], outputs: [output as never] },
  };
}

/** A temp folder for one suite: `root` holds local containers, `share` a FileServer host. */
export interface DataFolders {
  readonly root: string;
  readonly share: string;
  readonly temp: string;
  put(path: string, content: string | Uint8Array): Promise<string>;
  files(path: string): Promise<string[]>;
  remove(): Promise<void>;
}

export async function dataFolders(): Promise<DataFolders> {
  const base = await mkdtemp(join(tmpdir(), "sluice-data-"));
  const folders = {
    root: join(base, "storage"),
    share: join(base, "share"),
    temp: join(base, "tmp"),
  };
  await Promise.all(Object.values(folders).map((folder) => mkdir(folder, { recursive: true })));
  return {
    ...folders,
    async put(path, content) {
      const full = join(base, path);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, content);
      return full;
    },
    async files(path) {
      const found = await readdir(join(base, path), { recursive: true, withFileTypes: true }).catch(
        () => [],
      );
      return found
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name).slice(join(base, path).length + 1))
        .sort();
    },
    remove: () => rm(base, { recursive: true, force: true }),
  };
}

/** Rows of a query DuckDB runs directly (to check what a copy wrote). */
export async function duckRows(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Column names and types of a query. */
export async function duckTypes(sql: string): Promise<Record<string, string>> {
  const rows = await duckRows(`DESCRIBE ${sql}`);
  return Object.fromEntries(rows.map((row) => [String(row.column_name), String(row.column_type)]));
}
