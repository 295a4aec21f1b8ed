// Application packages: zips uploaded by version, kept in the server's own file storage
// (`applications/<id>/...` beside the task logs), listed in Batch's shapes, and resolved for
// pools and tasks that reference them. Nodes fetch a package once and unpack it themselves.
import { createHash } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import type {
  ApplicationDetails,
  ApplicationPackageInfo,
  ApplicationPackageReference,
  ApplicationPatch,
  ApplicationSummary,
} from "../../api/index.js";
import type { StorageConnector } from "../../storage/index.js";
import { checkApplicationId, checkVersion } from "../applications/package-names.js";
import { BatchError } from "../batch-error.js";
import { toBatchTime } from "../duration.js";

/** A reference made concrete: the version to install (the default one when none was named). */
export interface ResolvedPackage {
  readonly applicationId: string;
  readonly version: string;
  /** True when the reference named no version (its variable then has no version either). */
  readonly isDefault: boolean;
}

interface Settings {
  readonly id: string;
  readonly displayName?: string;
  readonly defaultVersion?: string;
  readonly allowUpdates?: boolean;
}

const folder = (id: string) => `applications/${id.toLowerCase()}`;
const settingsPath = (id: string) => `${folder(id)}/application.json`;
const zipPath = (id: string, version: string) => `${folder(id)}/versions/${version}.zip`;
const infoPath = (id: string, version: string) => `${folder(id)}/versions/${version}.json`;

/** Application packages over `files` (the server's task file storage). */
export class ApplicationPackages {
  constructor(
    private readonly files: StorageConnector,
    private readonly now: () => number,
  ) {}

  /** Stores `zip` as `version` of `id` (creating the application); streams, never buffers. */
  async upload(id: string, version: string, zip: Readable): Promise<ApplicationPackageInfo> {
    checkApplicationId(id);
    checkVersion(version);
    const settings = (await this.settings(id)) ?? { id };
    if (settings.allowUpdates === false && (await this.files.exists(zipPath(id, version)))) {
      throw new BatchError(
        "OperationInvalidForCurrentState",
        `Version '${version}' of application '${settings.id}' exists and the application does not allow updates (allowUpdates is false): upload a new version.`,
      );
    }
    const hash = createHash("sha256");
    let size = 0;
    // Hashes and counts the bytes on their way to storage (a data listener would start the
    // flow before storage reads, and lose them).
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    zip.on("error", (error) => counted.destroy(error));
    await this.files.write(zipPath(id, version), zip.pipe(counted), {
      contentType: "application/zip",
    });
    const info: ApplicationPackageInfo = {
      version,
      size,
      sha256: hash.digest("hex"),
      lastActivationTime: toBatchTime(this.now()),
    };
    await this.files.write(infoPath(id, version), JSON.stringify(info));
    if ((await this.settings(id)) === undefined) {
      await this.files.write(settingsPath(id), JSON.stringify(settings));
    }
    return info;
  }

  /** Every application, by id. */
  async list(): Promise<ApplicationSummary[]> {
    const ids: string[] = [];
    for await (const entry of this.files.list("applications/", { recursive: false })) {
      if (entry.kind === "directory") ids.push(entry.path.slice("applications/".length));
    }
    const found = await Promise.all(ids.map((id) => this.details(id).catch(() => undefined)));
    return found
      .filter((app): app is ApplicationDetails => app !== undefined)
      .map(({ id, displayName, versions }) => ({ id, displayName, versions }));
  }

  /** One application with its settings and packages; `ApplicationNotFound`. */
  async details(id: string): Promise<ApplicationDetails> {
    const settings = await this.settings(id);
    if (settings === undefined) {
      throw new BatchError("ApplicationNotFound", `The application '${id}' does not exist.`);
    }
    const packages = await this.packages(id);
    return {
      id: settings.id,
      displayName: settings.displayName ?? settings.id,
      versions: packages.map((item) => item.version),
      ...(settings.defaultVersion === undefined ? {} : { defaultVersion: settings.defaultVersion }),
      allowUpdates: settings.allowUpdates ?? true,
      packages,
    };
  }

  /** Changes displayName, defaultVersion (which must exist) or allowUpdates. */
  async patch(id: string, patch: ApplicationPatch): Promise<ApplicationDetails> {
    const current = await this.details(id);
    if (patch.defaultVersion !== undefined && !current.versions.includes(patch.defaultVersion)) {
      throw new BatchError(
        "InvalidPropertyValue",
        `defaultVersion '${patch.defaultVersion}' is not a version of application '${current.id}'; it has: ${current.versions.join(", ") || "none"}.`,
        { PropertyName: "defaultVersion", PropertyValue: patch.defaultVersion },
      );
    }
    const settings: Settings = {
      id: current.id,
      displayName: patch.displayName ?? current.displayName,
      ...((patch.defaultVersion ?? current.defaultVersion)
        ? { defaultVersion: patch.defaultVersion ?? current.defaultVersion }
        : {}),
      allowUpdates: patch.allowUpdates ?? current.allowUpdates,
    };
    await this.files.write(settingsPath(id), JSON.stringify(settings));
    return this.details(id);
  }

  /** Deletes one version, or the whole application when `version` is undefined. */
  async delete(id: string, version?: string): Promise<void> {
    const current = await this.details(id);
    const versions = version === undefined ? current.versions : [version];
    if (version !== undefined && !current.versions.includes(version)) throw missing(id, version);
    for (const each of versions) {
      await this.files.delete(infoPath(id, each));
      await this.files.delete(zipPath(id, each));
    }
    if (version === undefined) await this.files.delete(settingsPath(id));
    else if (current.defaultVersion === version) {
      const settings: Settings = (await this.settings(id)) ?? { id };
      await this.files.write(
        settingsPath(id),
        JSON.stringify({ ...settings, defaultVersion: undefined }),
      );
    }
  }

  /** The zip of a version; `ApplicationPackageNotFound`. */
  async read(id: string, version: string): Promise<Readable> {
    checkApplicationId(id);
    checkVersion(version);
    if (!(await this.files.exists(infoPath(id, version)))) throw missing(id, version);
    return this.files.read(zipPath(id, version));
  }

  /**
   * The packages `references` name, each with its version (the default when none is named);
   * a reference to a missing application or version is `InvalidApplicationPackageReferences`.
   */
  async resolve(references: readonly ApplicationPackageReference[]): Promise<ResolvedPackage[]> {
    const resolved: ResolvedPackage[] = [];
    for (const reference of references) {
      const app = await this.details(reference.applicationId).catch(() => undefined);
      const version = reference.version ?? app?.defaultVersion;
      if (app === undefined || version === undefined || !app.versions.includes(version)) {
        throw new BatchError(
          "InvalidApplicationPackageReferences",
          app === undefined
            ? `Application '${reference.applicationId}' does not exist; upload it with 'sluice app upload'.`
            : version === undefined
              ? `Application '${app.id}' has no default version: name a version in the reference or set defaultVersion.`
              : `Application '${app.id}' has no version '${version}'; it has: ${app.versions.join(", ") || "none"}.`,
          { PropertyName: "applicationPackageReferences", PropertyValue: reference.applicationId },
        );
      }
      resolved.push({ applicationId: app.id, version, isDefault: reference.version === undefined });
    }
    return resolved;
  }

  private async settings(id: string): Promise<Settings | undefined> {
    checkApplicationId(id);
    return readJson<Settings>(this.files, settingsPath(id));
  }

  private async packages(id: string): Promise<ApplicationPackageInfo[]> {
    const infos: ApplicationPackageInfo[] = [];
    for await (const entry of this.files.list(`${folder(id)}/versions/`)) {
      if (entry.kind !== "file" || !entry.path.endsWith(".json")) continue;
      const info = await readJson<ApplicationPackageInfo>(this.files, entry.path);
      if (info !== undefined) infos.push(info);
    }
    return infos.sort((a, b) => a.version.localeCompare(b.version));
  }
}

function missing(id: string, version: string): BatchError {
  return new BatchError(
    "ApplicationPackageNotFound",
    `Application '${id}' has no version '${version}'.`,
  );
}

async function readJson<T>(files: StorageConnector, path: string): Promise<T | undefined> {
  if (!(await files.exists(path))) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of await files.read(path)) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as T;
}
