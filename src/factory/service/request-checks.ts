import { SluiceError, type JsonObject } from "../../core/index.js";

/** ADF's factory names: 3 to 63 letters, digits and hyphens, starting and ending with a letter or digit. */
const factoryNamePattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{1,61})[A-Za-z0-9]$/;

/** Refuses a factory name ADF would not accept. */
export function checkFactoryName(name: string): void {
  if (factoryNamePattern.test(name)) return;
  throw new SluiceError(
    "InvalidArgument",
    `The factory name "${name}" is not valid: use 3 to 63 letters, digits and hyphens, starting and ending with a letter or digit.`,
    { details: { field: "factory", value: name } },
  );
}

/**
 * The `properties` of a PUT body (`{ name?, properties }`, as ADF takes it); a `name` in the
 * body must be the one in the path, ignoring case.
 */
export function bodyProperties(body: unknown, noun: string, name: string): JsonObject {
  const object = typeof body === "object" && body !== null && !Array.isArray(body) ? body : null;
  if (object === null) {
    throw new SluiceError(
      "InvalidArgument",
      `The ${noun} "${name}" must be sent as a JSON object { "properties": { ... } }.`,
      { details: { field: "body" } },
    );
  }
  const given = (object as Record<string, unknown>).name;
  if (
    given !== undefined &&
    (typeof given !== "string" || given.toLowerCase() !== name.toLowerCase())
  ) {
    throw new SluiceError(
      "InvalidArgument",
      `The body's name ${JSON.stringify(given)} is not the ${noun} name in the path, "${name}".`,
      { details: { field: "name", value: JSON.stringify(given) } },
    );
  }
  const properties = (object as Record<string, unknown>).properties ?? {};
  if (typeof properties !== "object" || properties === null || Array.isArray(properties)) {
    throw new SluiceError(
      "InvalidArgument",
      `The ${noun} "${name}"'s properties must be a JSON object, but they are ${JSON.stringify(properties)}.`,
      { details: { field: "properties" } },
    );
  }
  return properties as JsonObject;
}
