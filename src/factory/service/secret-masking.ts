// Factory resources as the API shows them: ADF's GET never returns a stored secret. SecureString
// values show as the mask; so do secrets written as plain text where ADF keeps them apart (a
// linked service's `password` or `accountKey`, `Password=`/`AccountKey=` in a connection
// string, a SAS URI's `sig=`, a URL's password, a PEM private key). Storing keeps real values:
// `restoreMaskedSecrets` puts the stored secret back where a PUT sends the mask it was shown.
import { maskText } from "../engine/index.js";

/**
 * Fields whose plain-text value is a secret (lower-case): ADF's credential fields of linked
 * services, and the header names of `authHeaders` that carry credentials.
 */
const secretFields = new Set([
  "password",
  "pwd",
  "passphrase",
  "accountkey",
  "accesskey",
  "sastoken",
  "serviceprincipalkey",
  "secretaccesskey",
  "sessiontoken",
  "clientsecret",
  "privatekey",
  "privatekeycontent",
  "accesstoken",
  "apikey",
  "functionkey",
  "secret",
  "token",
  "authorization",
  "x-api-key",
  "api-key",
  "x-functions-key",
  "ocp-apim-subscription-key",
]);

/** Connection string keys whose value is a secret (ADO.NET, ODBC, Azure Storage, Service Bus). */
const secretKeys =
  "password|pwd|accountkey|sharedaccesssignature|sharedaccesskey|accesskey|clientsecret|secretkey";
/** `Key=value` in a connection string; a value may be quoted or in ODBC's braces. */
const secretPart = new RegExp(
  `(^|;)(\\s*)(${secretKeys})(\\s*=\\s*)("(?:[^"]|"")*"|'(?:[^']|'')*'|\\{(?:[^}]|\\}\\})*\\}|[^;]*)`,
  "giu",
);
/** A signature in a URL's query: Azure SAS `sig`, S3 presigned `X-Amz-Signature`. */
const signatureParam =
  /([?&;](?:sig|signature|x-amz-signature|x-amz-security-token)=)([^&#\s"';]*)/giu;
/** `scheme://user:password@host`. */
const urlPassword = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)([^\s@/]+)(@)/giu;
const privateKeyBlock =
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/gu;

/**
 * `text` with the secrets it holds replaced by the mask: secret parts of a connection string
 * (`Password`, `PWD`, `AccountKey`, `SharedAccessSignature`...), URL signatures (`sig=`), a
 * URL's password and PEM private keys. Text without any is returned unchanged.
 */
export function maskSecretText(text: string): string {
  return text
    .replace(privateKeyBlock, maskText)
    .replace(
      secretPart,
      (whole, start: string, space: string, key: string, equals: string, value: string) =>
        value === "" ? whole : `${start}${space}${key}${equals}${maskText}`,
    )
    .replace(signatureParam, (whole, name: string, value: string) =>
      value === "" ? whole : `${name}${maskText}`,
    )
    .replace(
      urlPassword,
      (_whole, before: string, _password: string, at: string) => `${before}${maskText}${at}`,
    );
}

/**
 * A resource's JSON as shown: every `{type: "SecureString"}` object's `value` (and a SecureString
 * parameter's `defaultValue`) is the mask, as is the plain-text value of a credential field
 * (`password`, `accountKey`, `sasToken`, `servicePrincipalKey`, ...), and every other string has
 * {@link maskSecretText} applied. An expression (`@...`) in a credential field is not a secret
 * and is shown. Key Vault references name a secret without holding it and are shown.
 */
export function maskResourceSecrets<T>(value: T): T {
  return maskValue(value, undefined) as T;
}

function maskValue(value: unknown, field: string | undefined): unknown {
  if (typeof value === "string") {
    if (field !== undefined && secretFields.has(field.toLowerCase()) && !isExpression(value)) {
      return value === "" ? value : maskText;
    }
    return maskSecretText(value);
  }
  if (Array.isArray(value)) return value.map((item) => maskValue(item, undefined));
  if (!isRecord(value)) return value;
  const secure = isSecureString(value);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      secure && (key === "value" || key === "defaultValue") && item !== null
        ? maskText
        : maskValue(item, key);
  }
  return out;
}

/**
 * `incoming` (a resource's JSON sent to be stored) with the stored secrets put back wherever it
 * holds the mask it was shown: a string equal to what {@link maskResourceSecrets} shows for the
 * stored string at the same path becomes the stored string; in a connection string or URL that
 * was edited elsewhere, each secret part sent as the mask takes the stored part of the same
 * key. Anything else is kept as sent (a new password replaces the stored one).
 */
export function restoreMaskedSecrets<T>(incoming: T, stored: unknown): T {
  if (stored === undefined || !JSON.stringify(incoming ?? null).includes(maskText)) return incoming;
  return restore(incoming, stored, maskResourceSecrets(stored)) as T;
}

function restore(incoming: unknown, stored: unknown, shown: unknown): unknown {
  if (typeof incoming === "string") {
    if (!incoming.includes(maskText) || typeof stored !== "string") return incoming;
    if (incoming === shown) return stored;
    return restoreParts(incoming, stored);
  }
  if (Array.isArray(incoming)) {
    return incoming.map((item, index) =>
      restore(
        item,
        Array.isArray(stored) ? stored[index] : undefined,
        Array.isArray(shown) ? shown[index] : undefined,
      ),
    );
  }
  if (!isRecord(incoming)) return incoming;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(incoming)) {
    out[key] = restore(
      item,
      isRecord(stored) ? stored[key] : undefined,
      isRecord(shown) ? shown[key] : undefined,
    );
  }
  return out;
}

/** Secret connection string parts and URL signatures sent as the mask take the stored value. */
function restoreParts(incoming: string, stored: string): string {
  const storedParts = new Map<string, string>();
  for (const match of stored.matchAll(secretPart)) {
    storedParts.set((match[3] ?? "").toLowerCase(), match[5] ?? "");
  }
  for (const match of stored.matchAll(signatureParam)) {
    storedParts.set(signatureKey(match[1] ?? ""), match[2] ?? "");
  }
  return incoming
    .replace(
      secretPart,
      (whole, start: string, space: string, key: string, equals: string, value: string) => {
        const kept = storedParts.get(key.toLowerCase());
        return value === maskText && kept !== undefined
          ? `${start}${space}${key}${equals}${kept}`
          : whole;
      },
    )
    .replace(signatureParam, (whole, name: string, value: string) => {
      const kept = storedParts.get(signatureKey(name));
      return value === maskText && kept !== undefined ? `${name}${kept}` : whole;
    });
}

/** `?sig=` and `&sig=` are the same parameter. */
function signatureKey(name: string): string {
  return `?${name.slice(1).toLowerCase()}`;
}

function isSecureString(value: Record<string, unknown>): boolean {
  return typeof value.type === "string" && value.type.toLowerCase() === "securestring";
}

/** ADF evaluates a string starting with one `@` (`@@` escapes a literal `@`). */
function isExpression(text: string): boolean {
  return text.startsWith("@") && !text.startsWith("@@");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
