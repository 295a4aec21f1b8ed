// Batch's application resources: the data plane lists them (`GET /applications`); uploads
// and settings are Sluice's own paths (Batch does them through Azure Resource Manager).

/** `GET /applications/{id}`: an application and the versions of it that can be used. */
export interface ApplicationSummary {
  readonly id: string;
  readonly displayName: string;
  readonly versions: readonly string[];
}

/** Sluice's view of one application: the summary plus its settings. */
export interface ApplicationDetails extends ApplicationSummary {
  /** The version a reference without `version` gets. */
  readonly defaultVersion?: string;
  /** False: a version, once uploaded, cannot be replaced (Batch's `allowUpdates`). Default true. */
  readonly allowUpdates: boolean;
  readonly packages: readonly ApplicationPackageInfo[];
}

/** One uploaded version. */
export interface ApplicationPackageInfo {
  readonly version: string;
  /** Bytes of the zip. */
  readonly size: number;
  /** Hex SHA-256 of the zip. */
  readonly sha256: string;
  readonly lastActivationTime: string;
}

/** `PATCH /sluice/applications/{id}`. */
export interface ApplicationPatch {
  readonly displayName?: string;
  readonly defaultVersion?: string;
  readonly allowUpdates?: boolean;
}
