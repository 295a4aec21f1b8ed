import { SluiceError } from "../../core/index.js";

/** The GetMetadata fields Sluice returns for files and folders. */
export const metadataFields = [
  "itemName",
  "itemType",
  "size",
  "created",
  "lastModified",
  "childItems",
  "contentMD5",
  "exists",
] as const;

export type MetadataField = (typeof metadataFields)[number];

/** ADF fields Sluice has no reader for yet: they need the file's format (a schema reader). */
export const formatFields: readonly string[] = ["structure", "columnCount"];

/**
 * Reads GetMetadata's `fieldList`: a non-empty array of field names, matched
 * case-insensitively and returned in ADF's spelling, duplicates dropped. `structure` and
 * `columnCount` (which need a format reader) and unknown names are refused, naming each.
 */
export function parseFieldList(value: unknown): readonly MetadataField[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new SluiceError(
      "InvalidArgument",
      `GetMetadata typeProperties.fieldList must be a non-empty array of field names; allowed: ${metadataFields.join(", ")}.`,
      { details: { field: "fieldList", value, allowed: metadataFields } },
    );
  }
  const fields: MetadataField[] = [];
  for (const item of value) {
    const name = typeof item === "string" ? item : undefined;
    const field = metadataFields.find((known) => known.toLowerCase() === name?.toLowerCase());
    if (field === undefined) throw unknownField(item);
    if (!fields.includes(field)) fields.push(field);
  }
  return fields;
}

function unknownField(item: unknown): SluiceError {
  const shown = JSON.stringify(item);
  const isFormat =
    typeof item === "string" && formatFields.some((f) => f.toLowerCase() === item.toLowerCase());
  const why = isFormat
    ? `${shown} needs the file's format and is not supported by Sluice yet`
    : `${shown} is not a GetMetadata field`;
  return new SluiceError(
    "InvalidArgument",
    `GetMetadata fieldList: ${why}; allowed: ${metadataFields.join(", ")}.`,
    { details: { field: "fieldList", value: item, allowed: metadataFields } },
  );
}

/** ADF's time format in GetMetadata output: ISO 8601 UTC to the second (`2017-02-23T06:17:09Z`). */
export function metadataTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/u, "Z");
}
