import { SluiceError } from "../../core/index.js";

/** A value that may hold a secret: plain text, `{type:"SecureString", value}` or a Key Vault reference. */
export function isSecretObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const type = (value as { type?: unknown }).type;
  return type === "SecureString" || type === "AzureKeyVaultSecret";
}

/**
 * The text of a linked service or activity property that may be a secret: a string, or a
 * `SecureString` object's `value`. An `AzureKeyVaultSecret` reference is refused (Sluice has
 * no Key Vault yet). Messages name `field` and never the value.
 */
export function secretText(value: unknown, field: string): string {
  if (typeof value === "string") return value;
  if (isSecretObject(value)) {
    if (value.type === "AzureKeyVaultSecret") {
      throw new SluiceError(
        "InvalidArgument",
        `${field} is an Azure Key Vault reference (AzureKeyVaultSecret), which Sluice does not support yet: give the value inline as a string or a SecureString.`,
        { details: { field, allowed: "string or {type: SecureString, value}" } },
      );
    }
    if (typeof value.value === "string") return value.value;
  }
  throw new SluiceError(
    "InvalidArgument",
    `${field} must be a string or a SecureString object ({"type": "SecureString", "value": "..."}).`,
    { details: { field, allowed: "string or {type: SecureString, value}" } },
  );
}

/** {@link secretText} for an optional property: undefined and null stay undefined. */
export function optionalSecretText(value: unknown, field: string): string | undefined {
  return value === undefined || value === null ? undefined : secretText(value, field);
}
