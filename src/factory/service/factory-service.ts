import { isSluiceError, type Clock, type JsonObject, type RandomSource } from "../../core/index.js";
import {
  createFactoryStore,
  type Database,
  type DeployedResource,
  type FactoryStore,
  type ListOptions,
  type PutOutcome,
  type ResourceKind,
  type ResourceWriteOptions,
} from "../../store/index.js";
import { maskText } from "../engine/index.js";
import type { FactoryDefinition } from "../model/resources.js";
import type { FactoryProblem } from "../validation/factory-problem.js";
import { validateFactory } from "../validation/validate-factory.js";
import { factoryShape, resourceShape, type AdfResource } from "./adf-shape.js";
import { factoryInputOf, resourceInputsOf, toDefinition } from "./definition-input.js";
import { refuseErrors } from "./factory-invalid.js";
import { orUndefined } from "./or-undefined.js";
import { restoreMaskedSecrets } from "./secret-masking.js";
import { bodyProperties, checkFactoryName } from "./request-checks.js";
import { kindInfo, type FactoryResourceKind } from "./resource-kinds.js";
import { candidateFile, definitionWith } from "./stored-definition.js";

/** What {@link createFactoryService} needs. */
export interface FactoryServiceDeps {
  readonly database: Database;
  /** Stamps versions; default the system clock. */
  readonly clock?: Clock;
  /** Draws etags; default the platform's generator. */
  readonly random?: RandomSource;
  /**
   * Checks beyond the factory's own (the scheduler's trigger checks, which factory/ cannot
   * import): their errors refuse a deploy or a resource write as validation's do. They are
   * reported only for files the factory's own checks found no error in, so that one mistake
   * is not reported twice. Default none.
   */
  readonly extraChecks?: (definition: FactoryDefinition) => FactoryProblem[];
}

/** Options of {@link FactoryService.deploy}. */
export interface FactoryDeployOptions {
  /** The factory to deploy into (created when absent). */
  readonly factory: string;
  /** Delete stored resources the definition does not hold; default false. */
  readonly deleteMissing?: boolean;
}

/** What a deploy stored: the factory, each resource's outcome, the resources deleted. */
export interface FactoryDeployResult {
  readonly factory: AdfResource;
  readonly resources: readonly DeployedResource[];
  readonly deleted: readonly { readonly kind: ResourceKind; readonly name: string }[];
}

/** One page of a kind's resources. */
export interface ResourcePage {
  readonly value: readonly AdfResource[];
  readonly continuationToken?: string;
}

/**
 * ADF's factory resources over the store, validated before anything is written. Errors are
 * `SluiceError`s: `FactoryInvalid` (every problem in `details.problems`), `InvalidArgument`,
 * `StoreNotFound`, `StoreDuplicate`, `StoreConflict` (an If-Match etag that no longer holds).
 */
export interface FactoryService {
  /** Validates the whole definition, then stores all of it in one transaction, or nothing. */
  deploy(definition: unknown, options: FactoryDeployOptions): Promise<FactoryDeployResult>;
  getFactory(name: string): Promise<AdfResource>;
  /** Creates or replaces the factory's properties (`{ properties: { globalParameters } }`). */
  putFactory(
    name: string,
    body: unknown,
    options?: { readonly ifMatch?: string },
  ): Promise<AdfResource>;
  /** Validates the resource among the stored ones (its references must exist), then stores it. */
  putResource(
    factory: string,
    kind: FactoryResourceKind,
    name: string,
    body: unknown,
    options?: ResourceWriteOptions,
  ): Promise<{ readonly outcome: PutOutcome; readonly resource: AdfResource }>;
  getResource(factory: string, kind: FactoryResourceKind, name: string): Promise<AdfResource>;
  listResources(
    factory: string,
    kind: FactoryResourceKind,
    options?: ListOptions,
  ): Promise<ResourcePage>;
  /** Removes the resource (its versions stay); false when there was none. `StoreNotFound` for the factory. */
  deleteResource(
    factory: string,
    kind: FactoryResourceKind,
    name: string,
    options?: { readonly ifMatch?: string },
  ): Promise<boolean>;
}

/** The {@link FactoryService} over `createFactoryStore(database)`. */
export function createFactoryService(deps: FactoryServiceDeps): FactoryService {
  return new StoreFactoryService(
    createFactoryStore(deps.database, {
      ...(deps.clock === undefined ? {} : { clock: deps.clock }),
      ...(deps.random === undefined ? {} : { random: deps.random }),
    }),
    deps.extraChecks,
  );
}

// A single-resource write validates against the stored factory, then writes: a concurrent
// write between the two (deleting the linked service a dataset names) is not caught; a
// whole-factory deploy validates everything it stores, so it cannot leave such a gap itself.
class StoreFactoryService implements FactoryService {
  constructor(
    private readonly store: FactoryStore,
    private readonly extraChecks?: (definition: FactoryDefinition) => FactoryProblem[],
  ) {}

  /** validateFactory, plus the extra checks' errors in files it found no error in. */
  private validate(definition: FactoryDefinition): FactoryProblem[] {
    const problems = validateFactory(definition);
    if (this.extraChecks === undefined) return problems;
    const failed = new Set(problems.filter((p) => p.severity === "error").map((p) => p.file));
    return [...problems, ...this.extraChecks(definition).filter((p) => !failed.has(p.file))];
  }

  async deploy(body: unknown, options: FactoryDeployOptions): Promise<FactoryDeployResult> {
    checkFactoryName(options.factory);
    const definition = toDefinition(body);
    refuseErrors(this.validate(definition), `The factory "${options.factory}"`);
    const factoryInput = factoryInputOf(definition, options.factory);
    const report = await this.store.deployAll(
      {
        ...factoryInput,
        properties: await this.restoredFactory(options.factory, factoryInput.properties ?? {}),
      },
      await Promise.all(
        resourceInputsOf(definition).map(async (input) => ({
          ...input,
          json: await this.restored(options.factory, input.kind, input.name, input.json),
        })),
      ),
      { deleteMissing: options.deleteMissing === true },
    );
    return { ...report, factory: factoryShape(report.factory) };
  }

  /**
   * `json` with the stored secrets put back where it holds the mask the API showed (ADF keeps
   * a SecureString that a PUT sends back as `**********`). Only JSON holding the mask is looked up.
   */
  private async restored(
    factory: string,
    kind: ResourceKind,
    name: string,
    json: JsonObject,
  ): Promise<JsonObject> {
    if (!JSON.stringify(json).includes(maskText)) return json;
    const stored = await orUndefined(this.store.getResource(factory, kind, name));
    return restoreMaskedSecrets(json, stored?.json);
  }

  /** The factory's properties with stored secrets put back, as {@link restored}. */
  private async restoredFactory(name: string, properties: JsonObject): Promise<JsonObject> {
    if (!JSON.stringify(properties).includes(maskText)) return properties;
    const stored = await orUndefined(this.store.getFactory(name));
    return restoreMaskedSecrets(properties, stored?.properties);
  }

  async getFactory(name: string): Promise<AdfResource> {
    return factoryShape(await this.store.getFactory(name));
  }

  async putFactory(
    name: string,
    body: unknown,
    options: { readonly ifMatch?: string } = {},
  ): Promise<AdfResource> {
    checkFactoryName(name);
    const properties = await this.restoredFactory(name, bodyProperties(body, "factory", name));
    const factory = { name, properties };
    // Global parameters are checked alone: pipelines naming a removed one are not refused.
    const definition = (await factoryExists(this.store, name))
      ? await definitionWith(this.store, name, { factory })
      : { factory, pipelines: [], datasets: [], linkedServices: [], triggers: [], others: [] };
    const problems = validateFactory(definition).filter((p) => p.file.startsWith("factory/"));
    refuseErrors(problems, `The factory "${name}"`);
    return factoryShape(await this.store.upsertFactory({ name, properties }, options));
  }

  async putResource(
    factory: string,
    kind: FactoryResourceKind,
    name: string,
    body: unknown,
    options: ResourceWriteOptions = {},
  ): Promise<{ readonly outcome: PutOutcome; readonly resource: AdfResource }> {
    const noun = kindInfo(kind).noun;
    const sent: JsonObject = { name, properties: bodyProperties(body, noun, name) };
    const json = await this.restored(factory, kind, name, sent);
    const candidate = { kind, name, json };
    const definition = await definitionWith(this.store, factory, { candidate });
    const file = candidateFile(kind, name);
    refuseErrors(
      this.validate(definition).filter((p) => p.file === file),
      `The ${noun} "${name}"`,
    );
    const result = await this.store.putResource(factory, candidate, options);
    return { outcome: result.outcome, resource: resourceShape(result.resource) };
  }

  async getResource(
    factory: string,
    kind: FactoryResourceKind,
    name: string,
  ): Promise<AdfResource> {
    return resourceShape(await this.store.getResource(factory, kind, name));
  }

  async listResources(
    factory: string,
    kind: FactoryResourceKind,
    options: ListOptions = {},
  ): Promise<ResourcePage> {
    await this.store.getFactory(factory);
    const page = await this.store.listResources(factory, kind, options);
    return {
      value: page.items.map(resourceShape),
      ...(page.continuationToken === undefined
        ? {}
        : { continuationToken: page.continuationToken }),
    };
  }

  async deleteResource(
    factory: string,
    kind: FactoryResourceKind,
    name: string,
    options: { readonly ifMatch?: string } = {},
  ): Promise<boolean> {
    await this.store.getFactory(factory);
    try {
      await this.store.deleteResource(factory, kind, name, options);
      return true;
    } catch (error) {
      if (isSluiceError(error) && error.code === "StoreNotFound") return false;
      throw error;
    }
  }
}

async function factoryExists(store: FactoryStore, name: string): Promise<boolean> {
  return (await orUndefined(store.getFactory(name))) !== undefined;
}
