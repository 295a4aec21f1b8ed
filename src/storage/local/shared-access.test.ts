import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSharedAccessSigner } from "./shared-access.js";

const signer = createSharedAccessSigner(randomBytes(32));
const now = Date.UTC(2026, 10, 25);
const query = (text: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(text));

describe("shared access signatures for the embedded storage", () => {
  it("allows what a container grant says, in that container, until it expires", () => {
    const sas = query(
      signer.sign({ container: "data", permissions: ["r", "l"], expiresOn: now + 60_000 }),
    );
    expect(signer.allows(sas, { container: "data", permission: "r" }, now)).toBe(true);
    expect(signer.allows(sas, { container: "data", permission: "l" }, now)).toBe(true);
    expect(signer.allows(sas, { container: "data", permission: "w" }, now)).toBe(false);
    expect(signer.allows(sas, { container: "other", permission: "r" }, now)).toBe(false);
    expect(signer.allows(sas, { container: "data", permission: "r" }, now + 60_000)).toBe(false);
  });

  it("lets an account grant reach every container", () => {
    const sas = query(signer.sign({ permissions: ["r", "w"], expiresOn: now + 1000 }));
    expect(signer.allows(sas, { container: "anything", permission: "w" }, now)).toBe(true);
  });

  it("refuses a tampered grant, another key's signature and missing fields", () => {
    const sas = query(
      signer.sign({ container: "data", permissions: ["r"], expiresOn: now + 1000 }),
    );
    expect(signer.allows({ ...sas, sp: "rw" }, { container: "data", permission: "w" }, now)).toBe(
      false,
    );
    expect(
      signer.allows({ ...sas, c: "other" }, { container: "other", permission: "r" }, now),
    ).toBe(false);
    expect(
      signer.allows(
        { ...sas, se: new Date(now + 1e9).toISOString() },
        { container: "data", permission: "r" },
        now,
      ),
    ).toBe(false);
    const stranger = createSharedAccessSigner(randomBytes(32));
    expect(stranger.allows(sas, { container: "data", permission: "r" }, now)).toBe(false);
    const unsigned: Record<string, string> = { ...sas };
    delete unsigned.sig;
    expect(signer.allows(unsigned, { container: "data", permission: "r" }, now)).toBe(false);
  });
});
