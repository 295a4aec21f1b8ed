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
}
