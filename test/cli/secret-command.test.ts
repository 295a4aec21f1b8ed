// `sluice secret`: the local Key Vault folder the engine reads linked services' secrets from.
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSecret } from "../../src/cli/secret-command.js";
import { localSecretFolder } from "../../src/factory/index.js";

describe("sluice secret", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sluice-secret-cli-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const run = async (argv: string[], stdin = "") => {
    let out = "";
    let err = "";
    const code = await runSecret([...argv, "--data-dir", join(dir, "data")], {
      out: (text) => (out += `${text}\n`),
      err: (text) => (err += `${text}\n`),
      readFile: (path) => readFile(path, "utf8"),
      readStdin: async () => stdin,
      cwd: dir,
      env: {},
    });
    return { code, out, err };
  };

  it("stores secrets owner-only, lists names without values, deletes them", async () => {
    expect(await run(["set", "kv-dev", "sql-password"], "s3cret!\n")).toEqual({
      code: 0,
      out: "Stored secret sql-password of vault kv-dev.\n",
      err: "",
    });
    await writeFile(join(dir, "conn.txt"), "UseLocalStorage=true");
    expect(
      (await run(["set", "KV-Dev", "storage", "--from-file", join(dir, "conn.txt")])).code,
    ).toBe(0);
    const file = join(dir, "data", "secrets", "kv-dev", "sql-password");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const lookup = localSecretFolder(join(dir, "data", "secrets"));
    expect(await lookup("kv-dev", "sql-password", undefined)).toBe("s3cret!");
    expect(await lookup("kv-dev", "storage", undefined)).toBe("UseLocalStorage=true");
    const listed = await run(["list"]);
    expect(listed.out).toBe("kv-dev/sql-password\nkv-dev/storage\n");
    expect(listed.out).not.toContain("s3cret");
    expect((await run(["delete", "kv-dev", "sql-password"])).code).toBe(0);
    expect(await lookup("kv-dev", "sql-password", undefined)).toBeUndefined();
  });

  it("refuses names that are not Key Vault names, writing nothing", async () => {
    const bad = await run(["set", "../etc", "passwd"], "x");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("VAULT '../etc' is not a Key Vault name");
    const badName = await run(["set", "kv-dev", "a/b"], "x");
    expect(badName.code).toBe(2);
    expect(badName.err).toContain("NAME 'a/b'");
    expect((await run(["list"])).out).toBe("kv-dev/storage\n");
  });
});
