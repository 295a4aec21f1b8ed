import { createHmac, timingSafeEqual } from "node:crypto";

/** What a shared access signature lets its holder do: `r`ead, `w`rite, `d`elete, `l`ist. */
export type SharedAccessPermission = "r" | "w" | "d" | "l";

/** A grant to sign: one container (or every container) with some permissions until a time. */
export interface SharedAccessGrant {
  /** The container it covers; absent: every container (Azure's account SAS). */
  readonly container?: string;
  readonly permissions: readonly SharedAccessPermission[];
  /** When it stops working, ms since the epoch. */
  readonly expiresOn: number;
}

/** A request to check against a signature's query parameters. */
export interface SharedAccessRequest {
  readonly container: string;
  readonly permission: SharedAccessPermission;
}

/**
 * Shared access signatures for the embedded local storage, Azure's SAS made small: a URL's
 * query carries the grant (`sr`, `c`, `sp`, `se`) and an HMAC-SHA256 of it under the server's
 * storage key (`sig`), so a task can read and write `/sluice/storage/...` without the server
 * token, limited to what the grant says and until it expires. The key never leaves the server.
 */
export interface SharedAccessSigner {
  /** The query string (without `?`) granting `grant`. */
  sign(grant: SharedAccessGrant): string;
  /** True when `query` holds a valid, unexpired signature that allows `request`. */
  allows(
    query: Readonly<Record<string, unknown>>,
    request: SharedAccessRequest,
    nowMs: number,
  ): boolean;
}

const version = "sluice-2026-11";

/** A signer over `key` (the server's storage key, 32 random bytes or more). */
export function createSharedAccessSigner(key: Uint8Array): SharedAccessSigner {
  const mac = (text: string): string => createHmac("sha256", key).update(text).digest("base64url");
  const canonical = (resource: string, container: string, permissions: string, expiry: string) =>
    [version, resource, container, permissions, expiry].join("\n");
  return {
    sign(grant) {
      const resource = grant.container === undefined ? "a" : "c";
      const container = grant.container ?? "";
      const permissions = [...new Set(grant.permissions)].sort().join("");
      const expiry = new Date(grant.expiresOn).toISOString();
      const query = new URLSearchParams({ sv: version, sr: resource, sp: permissions, se: expiry });
      if (resource === "c") query.set("c", container);
      query.set("sig", mac(canonical(resource, container, permissions, expiry)));
      return query.toString();
    },
    allows(query, request, nowMs) {
      const text = (name: string): string | undefined =>
        typeof query[name] === "string" ? (query[name] as string) : undefined;
      const [resource, permissions, expiry, signature] = ["sr", "sp", "se", "sig"].map(text);
      if (text("sv") !== version || !resource || !permissions || !expiry || !signature)
        return false;
      const container = resource === "c" ? (text("c") ?? "") : "";
      if (resource === "c" ? container !== request.container : resource !== "a") return false;
      const expected = Buffer.from(mac(canonical(resource, container, permissions, expiry)));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
      const expires = Date.parse(expiry);
      return (
        Number.isFinite(expires) && nowMs < expires && permissions.includes(request.permission)
      );
    },
  };
}
