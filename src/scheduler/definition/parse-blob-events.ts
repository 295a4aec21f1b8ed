import { show, type JsonReader } from "./json-reader.js";
import type { BlobEventType } from "./trigger-spec.js";

const base = "$.properties.typeProperties";
const eventNames = ["Microsoft.Storage.BlobCreated", "Microsoft.Storage.BlobDeleted"] as const;

/** The fields of a BlobEventsTrigger's `typeProperties`, checked one by one. */
export interface BlobEventFields {
  readonly scope?: string;
  readonly events: readonly BlobEventType[];
  readonly blobPathBeginsWith?: string;
  readonly blobPathEndsWith?: string;
  readonly ignoreEmptyBlobs: boolean;
}

export function parseBlobEvents(
  tp: Record<string, unknown>,
  reader: JsonReader,
): BlobEventFields | undefined {
  const events = parseEvents(tp.events, reader);
  const begins = optionalString(tp.blobPathBeginsWith, "blobPathBeginsWith", reader);
  const ends = optionalString(tp.blobPathEndsWith, "blobPathEndsWith", reader);
  if (!begins && !ends) {
    reader.problem(
      `${base}.blobPathBeginsWith`,
      "give blobPathBeginsWith or blobPathEndsWith (or both): ADF needs at least one",
      "MissingProperty",
    );
  }
  if (begins !== undefined && !/^\/[^/]+(\/|$)/.test(begins)) {
    reader.problem(
      `${base}.blobPathBeginsWith`,
      `blobPathBeginsWith ${show(begins)} must start with /<container>/, as in /orders/blobs/2018/`,
    );
  } else if (
    begins !== undefined &&
    /^\/[^/]+\/./.test(begins) &&
    !/^\/[^/]+\/blobs\//.test(begins)
  ) {
    reader.problem(
      `${base}.blobPathBeginsWith`,
      `blobPathBeginsWith ${show(begins)} must put /blobs/ after the container, as in /orders/blobs/2018/`,
    );
  }
  if (tp.ignoreEmptyBlobs !== undefined && typeof tp.ignoreEmptyBlobs !== "boolean") {
    reader.problem(
      `${base}.ignoreEmptyBlobs`,
      `ignoreEmptyBlobs is ${show(tp.ignoreEmptyBlobs)}; allowed: true or false`,
    );
  }
  const scope = optionalString(tp.scope, "scope", reader);
  if (!events || reader.problems.length > 0) return undefined;
  return {
    ...(scope ? { scope } : {}),
    events,
    ...(begins ? { blobPathBeginsWith: begins } : {}),
    ...(ends ? { blobPathEndsWith: ends } : {}),
    ignoreEmptyBlobs: tp.ignoreEmptyBlobs !== false,
  };
}

function parseEvents(value: unknown, reader: JsonReader): BlobEventType[] | undefined {
  const path = `${base}.events`;
  if (!Array.isArray(value) || value.length === 0) {
    reader.problem(
      path,
      `events is ${show(value)}; allowed: an array of ${eventNames.join(", ")}`,
      value === undefined ? "MissingProperty" : "InvalidValue",
    );
    return undefined;
  }
  const events: BlobEventType[] = [];
  value.forEach((v: unknown, i) => {
    const short =
      typeof v === "string" ? v.replace(/^Microsoft\.Storage\./i, "").toLowerCase() : "";
    if (short === "blobcreated") events.push("BlobCreated");
    else if (short === "blobdeleted") events.push("BlobDeleted");
    else
      reader.problem(
        `${path}[${i}]`,
        `event ${show(v)} is not a storage event; allowed: ${eventNames.join(", ")}`,
      );
  });
  return events.length === value.length ? [...new Set(events)] : undefined;
}

function optionalString(value: unknown, field: string, reader: JsonReader): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value;
  reader.problem(`${base}.${field}`, `${field} is ${show(value)}; allowed: a string`);
  return undefined;
}
