import { SluiceError } from "../../core/index.js";
import { resolveExpressions, type ExpressionScope } from "../../expressions/index.js";
import { bindParameters } from "../engine/index.js";
import type { ParameterSpec } from "../model/pipeline.js";
import type { FactoryResources, NamedDefinition } from "../activities/factory-resources.js";
import { vaultNameOf, withKeyVaultSecrets } from "./key-vault-references.js";
import { isSecretObject } from "./secret-value.js";

/**
 * Resolves the expressions of a dataset's or linked service's JSON (`@dataset().x`,
 * `@linkedService().x`, `{"value": ..., "type": "Expression"}`) in `scope`. Secret objects
 * (SecureString, Key Vault references) are kept as they are: a password starting with `@`
 * is a password, not an expression.
 */
export function resolveDefinition(json: unknown, scope: ExpressionScope): unknown {
  if (isSecretObject(json)) return json;
  if (Array.isArray(json)) return json.map((item: unknown) => resolveDefinition(item, scope));
  if (json !== null && typeof json === "object") {
    const record = json as Record<string, unknown>;
    if (record.type === "Expression" && Object.keys(record).length === 2) {
      return resolveExpressions(record, scope);
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) out[key] = resolveDefinition(value, scope);
    return out;
  }
  return resolveExpressions(json, scope);
}

/** A dataset or linked service with its parameters bound and its expressions resolved. */
export interface ResolvedDefinition {
  readonly name: string;
  readonly type: string;
  /** `properties` with `typeProperties` and `linkedServiceName` resolved (secrets untouched). */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly typeProperties: Readonly<Record<string, unknown>>;
}

type Kind = "dataset" | "linkedService";

const label: Record<Kind, string> = { dataset: "dataset", linkedService: "linked service" };

/**
 * Looks up a dataset or linked service by name, binds the reference's `parameters` to its
 * declared ones (defaults apply; a missing required one is an error) and resolves its
 * expressions with `dataset()` / `linkedService()` reading them.
 */
export async function resolveResource(
  resources: FactoryResources,
  kind: Kind,
  name: unknown,
  given: Readonly<Record<string, unknown>> | undefined,
): Promise<ResolvedDefinition> {
  const resolved = await bindAndResolve(resources, kind, name, given);
  if (kind !== "linkedService") return resolved;
  const typeProperties = (await withKeyVaultSecrets(
    resolved.typeProperties,
    resources,
    (vault, parameters) => vaultOfLinkedService(resources, vault, parameters),
    `linked service '${resolved.name}' typeProperties`,
  )) as Record<string, unknown>;
  return { ...resolved, typeProperties, properties: { ...resolved.properties, typeProperties } };
}

async function bindAndResolve(
  resources: FactoryResources,
  kind: Kind,
  name: unknown,
  given: Readonly<Record<string, unknown>> | undefined,
): Promise<ResolvedDefinition> {
  if (typeof name !== "string" || name === "") {
    throw new SluiceError(
      "InvalidArgument",
      `The ${label[kind]} reference has no referenceName: expected {"referenceName": "<name>", ...}.`,
      { details: { field: "referenceName", value: name } },
    );
  }
  const found: NamedDefinition | undefined =
    kind === "dataset" ? await resources.dataset(name) : await resources.linkedService(name);
  if (found === undefined) {
    throw new SluiceError(
      "InvalidArgument",
      `The ${label[kind]} '${name}' does not exist in this factory.`,
      { details: { field: "referenceName", value: name } },
    );
  }
  const properties = found.properties as Record<string, unknown>;
  const spec = properties.parameters as Readonly<Record<string, ParameterSpec>> | undefined;
  const bound = bindParameters(spec, given, { owner: `${label[kind]} '${found.name}'` });
  const scope: ExpressionScope = { [kind]: bound.values };
  // Only these hold runtime values; `parameters` defaults are literals, as in ADF.
  const resolved: Record<string, unknown> = { ...properties };
  for (const key of ["typeProperties", "linkedServiceName"]) {
    if (properties[key] !== undefined) resolved[key] = resolveDefinition(properties[key], scope);
  }
  const typeProperties = resolved.typeProperties;
  return {
    name: found.name,
    type: typeof properties.type === "string" ? properties.type : "",
    properties: resolved,
    typeProperties:
      typeProperties !== null && typeof typeProperties === "object"
        ? (typeProperties as Record<string, unknown>)
        : {},
  };
}

/**
 * The vault an AzureKeyVault linked service names (its baseUrl), parameters bound. Its own
 * secrets are not looked up: a vault's URL is not a secret, and a store naming a linked
 * service that itself holds Key Vault references must not loop.
 */
async function vaultOfLinkedService(
  resources: FactoryResources,
  name: string,
  parameters: Readonly<Record<string, unknown>> | undefined,
): Promise<string> {
  const vault = await bindAndResolve(resources, "linkedService", name, parameters);
  if (vault.type !== "AzureKeyVault") {
    throw new SluiceError(
      "InvalidArgument",
      `A Key Vault secret names the linked service '${vault.name}' as its store, which is of type '${vault.type}', not AzureKeyVault.`,
      { details: { field: "store.referenceName", value: vault.name } },
    );
  }
  return vaultNameOf(vault.typeProperties.baseUrl, vault.name);
}
