import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fingerprintMatches } from "./sftp-session.js";

describe("host key fingerprints", () => {
  const key = Buffer.from("a host key blob");
  const sha = createHash("sha256").update(key).digest("base64").replace(/=+$/u, "");
  const md5 = createHash("md5").update(key).digest("hex").match(/../gu)?.join(":") ?? "";

  it("matches OpenSSH's SHA256 form and ADF's MD5 form, and nothing else", () => {
    expect(fingerprintMatches(`SHA256:${sha}`, key)).toBe(true);
    expect(fingerprintMatches(`ssh-ed25519 255 ${md5.toUpperCase()}`, key)).toBe(true);
    expect(fingerprintMatches(`SHA256:${sha.slice(1)}A`, key)).toBe(false);
    expect(fingerprintMatches("ssh-rsa 2048 00:11", key)).toBe(false);
  });
});
