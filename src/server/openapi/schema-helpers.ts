// Small builders of the JSON Schemas in the REST reference. The schemas name the fields users
// send and read most, as Azure names them; the services accept every field Azure documents
// and answer Azure's errors (Batch's `{ code, message }`, ADF's `{ error: { code, message } }`),
// so every object schema is open (`additionalProperties`) and the server does not validate
// with them.

/** A JSON Schema object. */
export type Schema = Record<string, unknown>;

export const str = (description?: string): Schema => ({
  type: "string",
  ...(description ? { description } : {}),
});
export const int = (description?: string): Schema => ({
  type: "integer",
  ...(description ? { description } : {}),
});
export const bool: Schema = { type: "boolean" };
export const time: Schema = { type: "string", format: "date-time" };
export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const arrayOf = (items: Schema): Schema => ({ type: "array", items });
export const anyObject: Schema = { type: "object", additionalProperties: true };
export const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: "object",
  properties,
  ...(required.length > 0 ? { required } : {}),
  additionalProperties: true,
});
/** Batch's list shape: `{ value, odata.nextLink? }`. */
export const batchList = (item: string): Schema =>
  obj({ value: arrayOf(ref(item)), "odata.nextLink": str("The next page's URL") }, ["value"]);
/** ADF's list shape: `{ value, nextLink? }`. */
export const adfList = (item: string): Schema =>
  obj({ value: arrayOf(ref(item)), nextLink: str("The next page's URL") }, ["value"]);
/** ADF's query answer: `{ value, continuationToken? }`. */
export const queryAnswer = (item: string): Schema =>
  obj({ value: arrayOf(ref(item)), continuationToken: str() }, ["value"]);
/** An ADF resource as stored: name, properties, etag. */
export const adfResource = (properties: Schema): Schema =>
  obj({ id: str(), name: str(), type: str(), etag: str(), properties }, ["properties"]);
