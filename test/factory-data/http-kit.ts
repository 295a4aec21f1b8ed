// What the HTTP, REST, SFTP and S3 Copy suites share: datasets at any location type, and a
// file server that can break a body halfway (to show a failed copy leaves nothing behind).
import type { ServerResponse } from "node:http";
import { expect } from "vitest";
import { systemClock, type JsonObject } from "../../src/core/index.js";
import { createDeleteExecutor } from "../../src/factory/activities/delete-activity.js";
import type { FactoryResources } from "../../src/factory/activities/factory-resources.js";
import { createGetMetadataExecutor } from "../../src/factory/activities/get-metadata-activity.js";
import type { NamedDefinition } from "../../src/factory/index.js";
import {
  invocationOf,
  outputOf,
  type ReceivedRequest,
} from "../factory-activities/activity-kit.js";

/**
 * A dataset `name` of `type` on `service` whose location is `location` plus `folderPath` and
 * `fileName` from parameters `folder` and `file` (default "").
 */
export function locatedDataset(
  name: string,
  type: string,
  service: string,
  location: JsonObject,
  typeProperties: JsonObject = {},
): NamedDefinition {
  return {
    name,
    properties: {
      type,
      linkedServiceName: { referenceName: service, type: "LinkedServiceReference" },
      parameters: {
        folder: { type: "String", defaultValue: "" },
        file: { type: "String", defaultValue: "" },
      },
      typeProperties: {
        location: { folderPath: "@dataset().folder", fileName: "@dataset().file", ...location },
        ...typeProperties,
      },
    },
  };
}

/** A linked service definition. */
export function service(name: string, type: string, typeProperties: JsonObject): NamedDefinition {
  return { name, properties: { type, typeProperties } };
}

/**
 * Serves `files` by path (HEAD and GET, with Last-Modified); `/broken/<name>` promises 1 MB
 * and breaks the connection after 64 KiB. Unknown paths answer 404.
 */
export function fileHandler(
  files: ReadonlyMap<string, string | Buffer>,
): (request: ReceivedRequest, response: ServerResponse) => void {
  return (request, response) => {
    const path = decodeURIComponent((request.url.split("?")[0] ?? "").slice(1));
    if (path.startsWith("broken/")) {
      response.writeHead(200, { "Content-Length": String(1024 * 1024) });
      response.write(Buffer.alloc(64 * 1024, 7), () => response.destroy());
      return;
    }
    const body = files.get(path);
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    response.writeHead(200, {
      "Content-Length": String(bytes.length),
      "Last-Modified": new Date(Date.UTC(2026, 0, 2)).toUTCString(),
    });
    response.end(request.method === "HEAD" ? undefined : bytes);
  };
}

/**
 * Checks a failed outcome has ADF's Copy error shape (errorCode 2200) with a message that
 * contains `expected` and never `secret`; returns the message.
 */
export function expectCopyFailure(outcome: unknown, expected: string, secret?: string): string {
  const failed = outcome as { status: string; error?: { errorCode?: string; message?: string } };
  expect(failed.status).toBe("Failed");
  expect(failed.error?.errorCode).toBe("2200");
  expect(failed.error?.message).toContain(expected);
  if (secret !== undefined) expect(JSON.stringify(outcome)).not.toContain(secret);
  return failed.error?.message ?? "";
}

/**
 * GetMetadata finds the folder `folder` of `dataset` with items, Delete (recursive) removes
 * them, and GetMetadata then reports it gone.
 */
export async function expectMetadataThenDelete(
  resources: FactoryResources,
  dataset: string,
  folder: string,
): Promise<void> {
  const datasetRef = { referenceName: dataset, type: "DatasetReference", parameters: { folder } };
  const metadata = (fieldList: string[]) =>
    createGetMetadataExecutor({}).run(
      invocationOf("GetMetadata", { dataset: datasetRef, fieldList }, { resources }),
    );
  const found = outputOf(await metadata(["exists", "itemType", "childItems"]));
  expect(found).toMatchObject({ exists: true, itemType: "Folder" });
  expect((found.childItems as unknown[]).length).toBeGreaterThan(0);
  const deleted = await createDeleteExecutor({ clock: systemClock }).run(
    invocationOf(
      "Delete",
      { dataset: datasetRef, storeSettings: { recursive: true }, enableLogging: false },
      { resources },
    ),
  );
  expect(outputOf(deleted).filesDeleted).toBeGreaterThan(0);
  expect(outputOf(await metadata(["exists"]))).toEqual({ exists: false });
}
