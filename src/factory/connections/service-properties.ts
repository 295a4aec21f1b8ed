import { SluiceError } from "../../core/index.js";
import type { ResolvedDefinition } from "./resolve-definition.js";
import { optionalSecretText, secretText } from "./secret-value.js";

/** Typed readers of a linked service's `typeProperties`; messages name the field, never a secret. */
export interface ServiceProperties {
  /** `linked service '<name>' typeProperties.<name>`, for messages. */
  field(name: string): string;
  text(name: string): string | undefined;
  requiredText(name: string, what: string): string;
  secret(name: string): string | undefined;
  flag(name: string): boolean | undefined;
  integer(name: string): number | undefined;
}

export function servicePropertiesOf(service: ResolvedDefinition): ServiceProperties {
  const props = service.typeProperties;
  const field = (name: string): string => `linked service '${service.name}' typeProperties.${name}`;
  const text = (name: string): string | undefined => {
    const value = props[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "string") return value;
    throw new SluiceError("InvalidArgument", `${field(name)} must be a string.`, {
      details: { field: `typeProperties.${name}`, value },
    });
  };
  return {
    field,
    text,
    requiredText(name, what) {
      const value = text(name);
      if (value !== undefined && value.trim() !== "") return value.trim();
      throw new SluiceError(
        "InvalidArgument",
        `Linked service '${service.name}' (${service.type}) needs typeProperties.${name}: ${what}.`,
        { details: { field: `typeProperties.${name}`, value: props[name] } },
      );
    },
    secret: (name) => optionalSecretText(props[name], field(name)),
    flag(name) {
      const value = props[name];
      if (value === undefined || value === null) return undefined;
      if (typeof value === "boolean") return value;
      if (value === "true" || value === "false") return value === "true";
      throw new SluiceError("InvalidArgument", `${field(name)} must be true or false.`, {
        details: { field: `typeProperties.${name}`, value },
      });
    },
    integer(name) {
      const value = props[name];
      if (value === undefined || value === null || value === "") return undefined;
      const number = Number(value);
      if (Number.isInteger(number) && number > 0) return number;
      throw new SluiceError("InvalidArgument", `${field(name)} must be a whole number above 0.`, {
        details: { field: `typeProperties.${name}`, value },
      });
    },
  };
}

/** Refuses an `authenticationType` Sluice does not support, naming the supported ones. */
export function checkAuthenticationType(
  service: ResolvedDefinition,
  given: string | undefined,
  supported: readonly string[],
): string {
  const type = given ?? supported[0] ?? "";
  const match = supported.find((known) => known.toLowerCase() === type.toLowerCase());
  if (match !== undefined) return match;
  throw new SluiceError(
    "InvalidArgument",
    `Linked service '${service.name}' (${service.type}) uses authenticationType '${type}', which Sluice does not support yet; supported: ${supported.join(", ")}.`,
    { details: { field: "typeProperties.authenticationType", value: type, allowed: supported } },
  );
}

/** `authHeaders` (an object of header names to text or SecureString values) as headers. */
export function authHeadersOf(service: ResolvedDefinition): Record<string, string> {
  const value = service.typeProperties.authHeaders;
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new SluiceError(
      "InvalidArgument",
      `linked service '${service.name}' typeProperties.authHeaders must be an object of header names and values.`,
      { details: { field: "typeProperties.authHeaders" } },
    );
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, header]) => [
      name,
      secretText(header, `linked service '${service.name}' typeProperties.authHeaders.${name}`),
    ]),
  );
}
