import type { JsonObject } from "../../core/index.js";

/** A linked service or dataset as deployed: ADF's `{ name, properties }`. */
export interface NamedDefinition {
  readonly name: string;
  readonly properties: JsonObject;
}

/**
 * The factory's linked services, datasets and global parameters as a run sees them. Names
 * compare case-insensitively, as in ADF. A missing name is an error the executor reports
 * (validation refuses such references at deploy time, but a resource can be deleted later).
 */
export interface FactoryResources {
  linkedService(name: string): Promise<NamedDefinition | undefined>;
  dataset(name: string): Promise<NamedDefinition | undefined>;
  /**
   * Where Key Vault secrets (`AzureKeyVaultSecret` references) are read; without it such a
   * reference is refused with a message saying how to provide the secret.
   */
  readonly secrets?: SecretLookup;
}

/**
 * A secret of a vault by name (and version, when the reference pins one); undefined when
 * the vault has no such secret. Vault and secret names are Key Vault's, already checked.
 */
export type SecretLookup = (
  vault: string,
  name: string,
  version: string | undefined,
) => Promise<string | undefined>;
