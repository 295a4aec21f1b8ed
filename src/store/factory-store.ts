import type { JsonObject } from "../core/index.js";
import type { ListOptions, Page } from "./page.js";

/**
 * A resource kind: ADF's git folder name. The engine reads the first four; the others (and
 * any kind ADF adds) are stored and versioned the same way, so a whole factory deploys.
 */
export type ResourceKind =
  | "pipeline"
  | "dataset"
  | "linkedService"
  | "trigger"
  | "dataflow"
  | "integrationRuntime"
  | "credential"
  | "managedVirtualNetwork"
  | "managedPrivateEndpoint"
  | (string & {});

/** A data factory as stored; times are ms since the Unix epoch. */
export interface FactoryRecord {
  /** As the user wrote it; unique regardless of case, as in ADF. */
  readonly name: string;
  /** ADF's factory `properties`, as given (`globalParameters`, ...). */
  readonly properties: JsonObject;
  /** `properties.globalParameters`, or `{}`. */
  readonly globalParameters: JsonObject;
  /** Changes on every write; pass it as `ifMatch` to update only what you read. */
  readonly etag: string;
  readonly lastModified: number;
  readonly creationTime: number;
}

/** A factory to create or replace. */
export interface FactoryInput {
  readonly name: string;
  /** ADF's factory `properties`; default `{}`. */
  readonly properties?: JsonObject;
}

/** One version of a factory resource. */
export interface ResourceRecord {
  /** The factory's name as stored. */
  readonly factory: string;
  readonly kind: ResourceKind;
  /** As given in this version; names are unique per factory and kind regardless of case. */
  readonly name: string;
  /** 1, 2, 3... per resource; numbers go on after a delete and re-create. */
  readonly version: number;
  /** The resource's ADF JSON (`{ name, properties, ... }`) as given. */
  readonly json: JsonObject;
  /** This version's etag. */
  readonly etag: string;
  /** When this version was stored. */
  readonly versionTime: number;
}

/** A resource to store. */
export interface ResourceInput {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly json: JsonObject;
}

/** What a put did: `unchanged` when the JSON means the same as the current version. */
export type PutOutcome = "created" | "updated" | "unchanged";

/** The result of {@link FactoryStore.putResource}. */
export interface PutResult {
  readonly outcome: PutOutcome;
  /** The current version after the put. */
  readonly resource: ResourceRecord;
}

/** Conditions of a resource write (HTTP If-Match / If-None-Match). */
export interface ResourceWriteOptions {
  /** Write only if the current version's etag is this one; default write regardless. */
  readonly ifMatch?: string;
  /** Only create: `StoreDuplicate` if the resource exists (If-None-Match: *); default false. */
  readonly ifNoneMatch?: boolean;
}

/** A resource named by kind and name, with the version a deploy left current. */
export interface DeployedResource {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly version: number;
  readonly outcome: PutOutcome;
}

/** Options of {@link FactoryStore.deployAll}. */
export interface DeployOptions {
  /** Delete the factory's resources that `resources` does not name; default false. */
  readonly deleteMissing?: boolean;
}

/** What {@link FactoryStore.deployAll} stored. */
export interface DeployReport {
  readonly factory: FactoryRecord;
  /** One entry per given resource, in the order given. */
  readonly resources: readonly DeployedResource[];
  /** Resources deleted by `deleteMissing`, in kind and name order. */
  readonly deleted: readonly { readonly kind: ResourceKind; readonly name: string }[];
}

/**
 * Factories and their resources, every version kept. Errors are `SluiceError`s
 * (`StoreNotFound`, `StoreDuplicate`, `StoreConflict`, `InvalidArgument`); a rejected
 * write changes nothing. Factory and resource names match regardless of case.
 */
export interface FactoryStore {
  /** The factory, or `StoreNotFound`. */
  getFactory(name: string): Promise<FactoryRecord>;
  /** Factories in name order (case-insensitive), a page at a time. */
  listFactories(options?: ListOptions): Promise<Page<FactoryRecord>>;
  /** Creates the factory or replaces its properties (`StoreConflict` on an `ifMatch` mismatch). */
  upsertFactory(
    factory: FactoryInput,
    options?: { readonly ifMatch?: string },
  ): Promise<FactoryRecord>;
  /**
   * Creates the resource (version 1, or the next number after a delete) or stores a new
   * version; a JSON that means the same as the current version stores nothing
   * (`unchanged`). `StoreNotFound` when the factory does not exist.
   */
  putResource(
    factory: string,
    resource: ResourceInput,
    options?: ResourceWriteOptions,
  ): Promise<PutResult>;
  /** The current version, or the given one (also of a deleted resource); `StoreNotFound`. */
  getResource(
    factory: string,
    kind: ResourceKind,
    name: string,
    options?: { readonly version?: number },
  ): Promise<ResourceRecord>;
  /** The current resources of one kind in name order (case-insensitive), a page at a time. */
  listResources(
    factory: string,
    kind: ResourceKind,
    options?: ListOptions,
  ): Promise<Page<ResourceRecord>>;
  /** Every version of a resource, newest first, a page at a time (also after a delete). */
  listVersions(
    factory: string,
    kind: ResourceKind,
    name: string,
    options?: ListOptions,
  ): Promise<Page<ResourceRecord>>;
  /** Removes the resource; its versions stay. `StoreNotFound`, or `StoreConflict` on `ifMatch`. */
  deleteResource(
    factory: string,
    kind: ResourceKind,
    name: string,
    options?: { readonly ifMatch?: string },
  ): Promise<void>;
  /**
   * Stores a whole factory in one transaction, all or nothing: creates or updates the
   * factory, and puts each resource (unchanged ones get no new version). Two resources of
   * one kind whose names differ only in case are an `InvalidArgument`, and nothing is stored.
   */
  deployAll(
    factory: FactoryInput,
    resources: readonly ResourceInput[],
    options?: DeployOptions,
  ): Promise<DeployReport>;
}
