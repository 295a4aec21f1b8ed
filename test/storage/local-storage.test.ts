import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLocalStorage, openStorage } from "../../src/storage/index.js";
import { describeStorageConformance } from "./storage-conformance.js";
import { errorCode, escapingPaths, listed, readAll } from "./storage-test-kit.js";

let scratch: string;
let counter = 0;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "sluice-local-storage-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A root that does not exist yet, inside its own folder (so escapes would be visible). */
async function freshRoot(): Promise<{ box: string; root: string }> {
  counter += 1;
  const box = join(scratch, `case-${counter}`);
  await mkdir(box);
  return { box, root: join(box, "container") };
}

describeStorageConformance({
  name: "local folder",
  writable: true,
  async fresh() {
    const storage = openLocalStorage((await freshRoot()).root);
    return { storage, seed: (path, data) => storage.write(path, data) };
  },
});

describe("local storage: disk specifics", () => {
  it("keeps symbolic links from leading out of the root", async () => {
    const { box, root } = await freshRoot();
    const outside = join(box, "outside");
    await mkdir(outside);
    await writeFile(join(outside, "secret.txt"), "secret");
    await mkdir(root);
    await symlink(outside, join(root, "out-dir"));
    await symlink(join(outside, "secret.txt"), join(root, "out-file.txt"));
    await writeFile(join(root, "inside.txt"), "inside");
    await symlink(join(root, "inside.txt"), join(root, "in-link.txt"));
    const storage = openLocalStorage(root);

    expect(await errorCode(() => storage.read("out-file.txt"))).toBe("StorageAccessDenied");
    expect(await errorCode(() => storage.read("out-dir/secret.txt"))).toBe("StorageAccessDenied");
    expect(await errorCode(() => storage.stat("out-dir/secret.txt"))).toBe("StorageAccessDenied");
    expect(await errorCode(() => storage.write("out-dir/new.txt", "x"))).toBe(
      "StorageAccessDenied",
    );
    expect(await errorCode(() => storage.write("out-dir/deeper/new.txt", "x"))).toBe(
      "StorageAccessDenied",
    );
    expect(await errorCode(() => storage.delete("out-dir/secret.txt"))).toBe("StorageAccessDenied");
    expect(await errorCode(() => listed(storage.list("out-dir/")))).toBe("StorageAccessDenied");
    expect(await readdir(outside)).toEqual(["secret.txt"]);
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("secret");

    // Links that stay inside work; links out are left out of listings.
    expect((await readAll(await storage.read("in-link.txt"))).toString()).toBe("inside");
    expect(await listed(storage.list(""))).toEqual(["in-link.txt", "inside.txt"]);
    // Replacing a link writes a file in its place; the target outside is untouched.
    await storage.write("out-file.txt", "replaced");
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("secret");
    expect((await readAll(await storage.read("out-file.txt"))).toString()).toBe("replaced");
  });

  it("creates nothing anywhere for refused paths, not even its root", async () => {
    const { box, root } = await freshRoot();
    const storage = openLocalStorage(root);
    for (const path of escapingPaths) {
      expect(await errorCode(() => storage.write(path, "x"))).toBe("StoragePathInvalid");
    }
    expect(await readdir(box)).toEqual([]);
    expect(await listed(storage.list(""))).toEqual([]);
  });

  it("hides in-flight temp files and refuses their reserved names", async () => {
    const { root } = await freshRoot();
    const storage = openLocalStorage(root);
    await storage.write("a.txt", "a");
    await writeFile(join(root, ".sluice-tmp-leftover"), "crashed write");
    expect(await listed(storage.list(""))).toEqual(["a.txt"]);
    expect(await errorCode(() => storage.write(".sluice-tmp-x", "x"))).toBe("StoragePathInvalid");
  });

  it("reports a file standing where a folder is needed as a conflict", async () => {
    const { root } = await freshRoot();
    const storage = openLocalStorage(root);
    await storage.write("plain", "a file");
    expect(await errorCode(() => storage.write("plain/child.txt", "x"))).toBe("StorageConflict");
    expect(await storage.stat("plain/child.txt")).toBeUndefined();
    await storage.write("folder/child.txt", "x");
    expect(await errorCode(() => storage.write("folder", "x"))).toBe("StorageConflict");
    expect(await listed(storage.list(""))).toEqual(["folder/child.txt", "plain"]);
  });

  it("is what openStorage opens for a localRoot", async () => {
    const { root } = await freshRoot();
    const { connector, path } = openStorage({ localRoot: root });
    expect(path).toBe("");
    await connector.write("x/y.txt", "y");
    expect(await readFile(join(root, "x", "y.txt"), "utf8")).toBe("y");
    expect(connector.description).toContain(root);
  });
});
