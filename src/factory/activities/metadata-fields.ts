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
  "structure",
  "columnCount",
] as const;

export type MetadataField = (typeof metadataFields)[number];

/** Fields read from the file's contents with its format (not for Binary or JSON files, as in ADF). */
export const formatFields: readonly string[] = ["structure", "columnCount"];

/**
 * Reads GetMetadata's `fieldList`: a non-empty array of field names, matched
 * case-insensitively and returned in ADF's spelling, duplicates dropped. Unknown names are
 * refused, naming each.
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
  return new SluiceError(
    "InvalidArgument",
    `GetMetadata fieldList: ${JSON.stringify(item)} is not a GetMetadata field; allowed: ${metadataFields.join(", ")}.`,
    { details: { field: "fieldList", value: item, allowed: metadataFields } },
  );
}

/** ADF's time format in GetMetadata output: ISO 8601 UTC to the second (`2017-02-23T06:17:09Z`). */
export function metadataTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/u, "Z");
}
