// Key Vault secrets kept on this machine: `<root>/<vault>/<secret>` files (a pinned version
// reads `<secret>.<version>` when it exists). ADF factories reference passwords and keys in
// Azure Key Vault; Sluice reads the same references from a folder the operator fills
// (`sluice secret set`), so such a factory deploys and runs unchanged without Azure.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { SecretLookup } from "../activities/factory-resources.js";

/** Key Vault's names: vaults 3-24 letters, digits and hyphens; secrets 1-127 of the same. */
const vaultName = /^[a-zA-Z][a-zA-Z0-9-]{2,23}$/;
const secretName = /^[a-zA-Z0-9-]{1,127}$/;
const versionName = /^[a-zA-Z0-9]{1,64}$/;

/** True when `name` is a valid Key Vault vault name. */
export function isVaultName(name: string): boolean {
  return vaultName.test(name);
}

/** True when `name` is a valid Key Vault secret name. */
export function isSecretName(name: string): boolean {
  return secretName.test(name);
}

/** The file a secret is kept in (names must be valid: they are path segments). */
export function secretFile(root: string, vault: string, name: string, version?: string): string {
  const base = join(root, vault.toLowerCase(), name.toLowerCase());
  return version === undefined ? base : `${base}.${version.toLowerCase()}`;
}

/** Secrets from files under `root`; names that are not Key Vault names find nothing. */
export function localSecretFolder(root: string): SecretLookup {
  return async (vault, name, version) => {
    if (!isVaultName(vault) || !isSecretName(name)) return undefined;
    if (version !== undefined && versionName.test(version)) {
      const pinned = await readSecret(secretFile(root, vault, name, version));
      if (pinned !== undefined) return pinned;
    }
    return readSecret(secretFile(root, vault, name));
  };
}

async function readSecret(path: string): Promise<string | undefined> {
  try {
    // One trailing newline is the editor's, not the secret's.
    return (await readFile(path, "utf8")).replace(/\r?\n$/, "");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
