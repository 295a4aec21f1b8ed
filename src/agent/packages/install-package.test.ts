import { Buffer } from "node:buffer";
import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZipFile } from "yazl";
import { PackageInstaller, packageFolder } from "./install-package.js";

async function zipOf(files: Record<string, { text: string; mode?: number }>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, file] of Object.entries(files)) {
    zip.addBuffer(Buffer.from(file.text), name, file.mode === undefined ? {} : { mode: file.mode });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The same bytes with every occurrence of `from` replaced by `to` (equal lengths). */
function patched(bytes: Buffer, from: string, to: string): Buffer {
  const out = Buffer.from(bytes);
  for (let at = out.indexOf(from); at !== -1; at = out.indexOf(from, at + 1)) out.write(to, at);
  return out;
}

describe("PackageInstaller", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "sluice-packages-"));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it("unpacks once, keeps executables executable, and reuses the folder", async () => {
    const zip = await zipOf({
      "bin/run.sh": { text: "#!/bin/sh\necho hi\n", mode: 0o100755 },
      "data/x.txt": { text: "x" },
    });
    const installer = new PackageInstaller(path.join(root, "node"));
    let downloads = 0;
    const download = async () => {
      downloads += 1;
      return Readable.from([zip]);
    };
    const pkg = { applicationId: "Tool", version: "1.0" };
    const [first, second] = await Promise.all([
      installer.ensure(pkg, download),
      installer.ensure(pkg, download),
    ]);
    expect(first).toBe(packageFolder(path.join(root, "node"), pkg));
    expect(second).toBe(first);
    expect(await readFile(path.join(first, "data", "x.txt"), "utf8")).toBe("x");
    expect((await stat(path.join(first, "bin", "run.sh"))).mode & 0o111).toBe(0o111);
    await installer.ensure(pkg, download);
    expect(downloads).toBe(1);
  });

  it("refuses an entry that would land outside the folder (zip slip), leaving nothing", async () => {
    const evil = patched(await zipOf({ "zz/evil.txt": { text: "pwned" } }), "zz/evil", "../evil");
    const installer = new PackageInstaller(path.join(root, "node"));
    await expect(
      installer.ensure({ applicationId: "bad", version: "1" }, async () => Readable.from([evil])),
    ).rejects.toThrow(/invalid relative path|outside its folder/);
    expect(await readdir(path.join(root, "node", "applications"))).toEqual([]);
    await expect(stat(path.join(root, "node", "evil.txt"))).rejects.toThrow();
  });
});
