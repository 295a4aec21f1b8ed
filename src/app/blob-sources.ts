// Which storage a BlobEventsTrigger watches. ADF's `scope` is the ARM id of a storage account
// (`/subscriptions/.../providers/Microsoft.Storage/storageAccounts/<account>`); Sluice has no
// ARM, so it looks the account up among the factory's linked services: the first
// AzureBlobStorage (or legacy AzureStorage) linked service whose literal connection string
// names that account (`AccountName=<account>`, or `UseDevelopmentStorage=true` for
// devstoreaccount1) is the account's connection. No such linked service, or no scope: the
// embedded local storage (`<dataDir>/storage`, a folder per container), so that an ADF factory
// deployed unchanged can be tested by dropping files there.
import { silentLogger, type Logger } from "../core/index.js";
import type { AdfResource, FactoryService } from "../factory/index.js";
import type { BlobEventSource } from "../scheduler/index.js";
import { azureBlobSource } from "./azure-blob-source.js";
import { localBlobSource } from "./local-blob-source.js";

/** What {@link blobEventSources} needs. */
export interface BlobEventSourcesDeps {
  /** The embedded local storage's root: `<dataDir>/storage`. */
  readonly localRoot: string;
  readonly factories: FactoryService;
  readonly logger?: Logger;
}

/** The scheduler's `blobSource`: the storage a trigger's scope names, resolved at each poll. */
export function blobEventSources(
  deps: BlobEventSourcesDeps,
): (factory: string, scope: string | undefined) => Promise<BlobEventSource> {
  const local = localBlobSource(deps.localRoot);
  const logger = deps.logger ?? silentLogger;
  const told = new Set<string>();
  return async (factory, scope) => {
    const account = storageAccountOf(scope);
    const connection =
      account === undefined ? undefined : await connectionOf(deps.factories, factory, account);
    const key = `${factory}\u0000${scope ?? ""}`;
    if (!told.has(key)) {
      told.add(key);
      logger.info("storage event trigger source", {
        factory,
        account: account ?? "",
        storage: connection === undefined ? "embedded local storage" : "Azure Blob",
      });
    }
    return connection === undefined ? local : azureBlobSource(connection);
  };
}

/** The account name at the end of an ARM storage account id; undefined for anything else. */
export function storageAccountOf(scope: string | undefined): string | undefined {
  return /\/storageAccounts\/([^/]+)\/?$/i.exec(scope ?? "")?.[1];
}

/** The connection string of the factory's first blob linked service naming `account`. */
async function connectionOf(
  factories: FactoryService,
  factory: string,
  account: string,
): Promise<string | undefined> {
  let token: string | undefined;
  do {
    const page = await factories.listResources(
      factory,
      "linkedService",
      token === undefined ? {} : { continuationToken: token },
    );
    const found = page.value
      .map(literalConnection)
      .find((c) => c && accountIn(c) === account.toLowerCase());
    if (found !== undefined) return found;
    token = page.continuationToken;
  } while (token !== undefined);
  return undefined;
}

/** An AzureBlobStorage linked service's connection string, when it is a literal. */
function literalConnection(resource: AdfResource): string | undefined {
  const properties = resource.properties as {
    type?: unknown;
    typeProperties?: { connectionString?: unknown };
  };
  const type = String(properties.type ?? "").toLowerCase();
  if (type !== "azureblobstorage" && type !== "azurestorage") return undefined;
  const value = properties.typeProperties?.connectionString;
  if (typeof value === "string") return value.startsWith("@") ? undefined : value;
  const secure = value as { type?: unknown; value?: unknown } | undefined;
  return secure?.type === "SecureString" && typeof secure.value === "string"
    ? secure.value
    : undefined;
}

/** The (lower-case) account a connection string names. */
function accountIn(connection: string): string | undefined {
  const parts = new Map(
    connection
      .split(";")
      .map((part) => part.split("=", 2) as [string, string?])
      .map(([k, v]) => [k.trim().toLowerCase(), (v ?? "").trim()]),
  );
  if (parts.get("usedevelopmentstorage")?.toLowerCase() === "true") return "devstoreaccount1";
  return parts.get("accountname")?.toLowerCase();
}
