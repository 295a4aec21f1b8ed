// Replaces a linked service's `AzureKeyVaultSecret` references with the secrets' values (as
// SecureString objects, so they stay masked), read through the factory's SecretLookup. The
// vault is named by the referenced AzureKeyVault linked service's `baseUrl`
// (`https://<vault>.vault.azure.net/`), itself parameterizable as in ADF.
import { SluiceError } from "../../core/index.js";
import type { FactoryResources } from "../activities/factory-resources.js";

/** The reference ADF writes: `{type: "AzureKeyVaultSecret", store: {referenceName}, secretName}`. */
interface KeyVaultReference {
  readonly type: "AzureKeyVaultSecret";
  readonly store?: { readonly referenceName?: unknown; readonly parameters?: unknown };
  readonly secretName?: unknown;
  readonly secretVersion?: unknown;
}

/** Reads the vault name of an AzureKeyVault linked service (resolved by the caller). */
export type VaultOf = (
  linkedService: string,
  parameters: Readonly<Record<string, unknown>> | undefined,
) => Promise<string>;

/** `json` with every Key Vault reference replaced by `{type: "SecureString", value}`. */
export async function withKeyVaultSecrets(
  json: unknown,
  resources: FactoryResources,
  vaultOf: VaultOf,
  path: string,
): Promise<unknown> {
  if (isKeyVaultReference(json)) return { type: "SecureString", value: await read(json) };
  if (Array.isArray(json)) {
    return Promise.all(
      json.map((item, index) => withKeyVaultSecrets(item, resources, vaultOf, `${path}[${index}]`)),
    );
  }
  if (json === null || typeof json !== "object") return json;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    out[key] = await withKeyVaultSecrets(value, resources, vaultOf, `${path}.${key}`);
  }
  return out;

  async function read(reference: KeyVaultReference): Promise<string> {
    const store = reference.store?.referenceName;
    const name = reference.secretName;
    if (typeof store !== "string" || typeof name !== "string" || name === "") {
      throw new SluiceError(
        "InvalidArgument",
        `${path} is an AzureKeyVaultSecret reference without store.referenceName and secretName.`,
        { details: { field: path } },
      );
    }
    const parameters = reference.store?.parameters as Record<string, unknown> | undefined;
    const vault = await vaultOf(store, parameters);
    const version =
      typeof reference.secretVersion === "string" ? reference.secretVersion : undefined;
    const value = resources.secrets ? await resources.secrets(vault, name, version) : undefined;
    if (value === undefined) {
      throw new SluiceError(
        "InvalidArgument",
        `${path} needs the secret '${name}' of Key Vault '${vault}' (linked service '${store}'), which Sluice does not have: store it with 'sluice secret set ${vault} ${name}' (it is kept in the data directory's secrets/${vault.toLowerCase()}/ folder).`,
        { details: { field: path, vault, secretName: name } },
      );
    }
    return value;
  }
}

function isKeyVaultReference(value: unknown): value is KeyVaultReference {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    (value as { type?: unknown }).type === "AzureKeyVaultSecret"
  );
}

/** The vault name in a Key Vault URL: `https://<vault>.vault.azure.net/` (any cloud suffix). */
export function vaultNameOf(baseUrl: unknown, linkedService: string): string {
  const match =
    typeof baseUrl === "string"
      ? /^https?:\/\/([a-zA-Z0-9-]+)\.vault\./i.exec(baseUrl.trim())
      : null;
  if (match === null) {
    throw new SluiceError(
      "InvalidArgument",
      `The AzureKeyVault linked service '${linkedService}' needs typeProperties.baseUrl as https://<vault>.vault.azure.net/, not ${JSON.stringify(baseUrl ?? null)}.`,
      { details: { field: "typeProperties.baseUrl", value: baseUrl ?? null } },
    );
  }
  return match[1]!.toLowerCase();
}
