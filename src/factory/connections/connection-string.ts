/**
 * What an Azure Storage connection string says, read only as far as Sluice needs: which of
 * the special forms it is, and whether it carries a credential. The string itself goes to
 * the SDK unchanged; nothing here ever lands in a message.
 */
export type ConnectionStringKind =
  | { readonly kind: "local" }
  | { readonly kind: "development" }
  | { readonly kind: "account"; readonly hasCredential: boolean };

/** Splits `Key=Value;Key=Value` into lower-cased keys (values keep their `=`s, as SAS do). */
export function connectionStringParts(text: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const pair of text.split(";")) {
    const equals = pair.indexOf("=");
    if (equals <= 0) continue;
    parts.set(pair.slice(0, equals).trim().toLowerCase(), pair.slice(equals + 1).trim());
  }
  return parts;
}

/**
 * Classifies a connection string: exactly `UseLocalStorage=true` is Sluice's embedded local
 * storage (a Sluice convention, like Azurite's `UseDevelopmentStorage=true`), which is the
 * development form; anything else is an account, with or without `AccountKey` /
 * `SharedAccessSignature`.
 */
export function classifyConnectionString(text: string): ConnectionStringKind {
  const parts = connectionStringParts(text);
  if (parts.size === 1 && parts.get("uselocalstorage")?.toLowerCase() === "true") {
    return { kind: "local" };
  }
  if (parts.get("usedevelopmentstorage")?.toLowerCase() === "true") return { kind: "development" };
  return {
    kind: "account",
    hasCredential: parts.has("accountkey") || parts.has("sharedaccesssignature"),
  };
}

/** The connection string with `Key=value` added (`;`-joined, as ADF splits a key out of it). */
export function withPart(text: string, key: string, value: string): string {
  const trimmed = text.trim().replace(/;+$/u, "");
  return `${trimmed};${key}=${value}`;
}
