// Installs an application package on the node: downloads its zip once, unpacks it into
// `<node root>/applications/<id>_<version>/` and marks it complete, so later tasks reuse it.
// Unpacking refuses every entry that would land outside that folder (zip slip: `..`,
// absolute names) and never creates symbolic links; a failed install leaves nothing behind.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import * as path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { resolveInside } from "../runner/resource-files.js";

/** One package to install. */
export interface PackageToInstall {
  readonly applicationId: string;
  readonly version: string;
}

const completeMarker = ".sluice-installed";

/** The folder a package lives in on the node. */
export function packageFolder(nodeRootDir: string, pkg: PackageToInstall): string {
  const name = `${pkg.applicationId.toLowerCase()}_${pkg.version}`;
  return path.join(nodeRootDir, "applications", name);
}

/** Installs packages one at a time per folder, however many tasks ask at once. */
export class PackageInstaller {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(private readonly nodeRootDir: string) {}

  /** The package's folder, installing it first when it is not there yet. */
  ensure(pkg: PackageToInstall, download: () => Promise<Readable>): Promise<string> {
    const folder = packageFolder(this.nodeRootDir, pkg);
    const running = this.inFlight.get(folder);
    if (running !== undefined) return running;
    const install = installOnce(folder, download).finally(() => this.inFlight.delete(folder));
    this.inFlight.set(folder, install);
    return install;
  }
}

async function installOnce(folder: string, download: () => Promise<Readable>): Promise<string> {
  if (await exists(path.join(folder, completeMarker))) return folder;
  const parent = path.dirname(folder);
  await mkdir(parent, { recursive: true });
  const unique = randomUUID();
  const zipFile = path.join(parent, `.download-${unique}.zip`);
  const staging = `${folder}.staging-${unique}`;
  try {
    await pipeline(await download(), createWriteStream(zipFile));
    await unzipInto(zipFile, staging);
    await writeFile(path.join(staging, completeMarker), "");
    await rm(folder, { recursive: true, force: true });
    await rename(staging, folder);
    return folder;
  } finally {
    await rm(zipFile, { force: true });
    await rm(staging, { recursive: true, force: true });
  }
}

/** Unpacks every entry of `zipFile` inside `target`; throws on an entry that would escape it. */
export async function unzipInto(zipFile: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  const zip = await openZip(zipFile);
  try {
    for (let entry = await nextEntry(zip); entry !== undefined; entry = await nextEntry(zip)) {
      const isFolder = entry.fileName.endsWith("/");
      const name = isFolder ? entry.fileName.slice(0, -1) : entry.fileName;
      const destination = resolveInside(target, name);
      if (destination === undefined) {
        throw new Error(
          `The package has an entry outside its folder: ${JSON.stringify(entry.fileName)}.`,
        );
      }
      if (isFolder) {
        await mkdir(destination, { recursive: true });
        continue;
      }
      await mkdir(path.dirname(destination), { recursive: true });
      // Unix mode bits from the entry (executables stay executable); symlinks become files.
      const mode = (entry.externalFileAttributes >>> 16) & 0o777 || 0o644;
      await pipeline(await openEntry(zip, entry), createWriteStream(destination, { mode }));
    }
  } finally {
    zip.close();
  }
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off("entry", onEntry);
      zip.off("end", onEnd);
      zip.off("error", onError);
    };
    const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(undefined));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))),
  );
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
