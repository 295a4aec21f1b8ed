import { describe, expect, it } from "vitest";
import { bindParameters } from "./bind-parameters.js";
import {
  createMasker,
  maskParameters,
  maskSecureStrings,
  maskText,
  secureParameterSecrets,
} from "./secure-values.js";

describe("masking secure values", () => {
  const bound = bindParameters(
    {
      key: { type: "SecureString" },
      user: { type: "String" },
      none: { type: "SecureString", defaultValue: null },
    },
    { key: "s3cr3t-key", user: "ann" },
  );
  const masker = createMasker({ secrets: secureParameterSecrets(bound.values, bound.secure) });

  it("shows SecureString parameters as the mask", () => {
    expect(maskParameters(bound.values, bound.secure)).toEqual({
      key: maskText,
      user: "ann",
      none: null,
    });
  });

  it("hides secrets wherever they appear in shown values, keeping the rest", () => {
    const input = { url: "https://x/?code=s3cr3t-key&u=ann", headers: ["Bearer s3cr3t-key"], n: 5 };
    expect(masker.maskValue(input)).toEqual({
      url: `https://x/?code=${maskText}&u=ann`,
      headers: [`Bearer ${maskText}`],
      n: 5,
    });
    expect(input.url).toContain("s3cr3t-key");
  });

  it("secureInput/secureOutput hide the whole input/output; the error is still secret-masked", () => {
    const run = {
      input: { body: "a" },
      output: { token: "t" },
      error: { message: "bad s3cr3t-key" },
      status: "Failed",
    };
    expect(masker.maskActivityRun(run, { secureInput: true, secureOutput: true })).toEqual({
      input: maskText,
      output: maskText,
      error: { message: `bad ${maskText}` },
      status: "Failed",
    });
    expect(masker.maskActivityRun(run, {})).toEqual({
      ...run,
      error: { message: `bad ${maskText}` },
    });
  });

  it("hides a longer secret whole when it contains a shorter one; ignores empty secrets", () => {
    const m = createMasker({ secrets: ["abc", "abcdef", ""] });
    expect(m.maskValue("x abcdef y abc")).toBe(`x ${maskText} y ${maskText}`);
    expect(createMasker({ secrets: [""] }).maskValue("text")).toBe("text");
  });
});

describe("maskSecureStrings", () => {
  it("hides every SecureString value at any depth and leaves the rest", () => {
    const input = {
      url: "https://x",
      authentication: {
        type: "Basic",
        username: "u",
        password: { type: "SecureString", value: "pw" },
      },
      list: [{ type: "SecureString", value: "k" }, "plain"],
    };
    expect(maskSecureStrings(input)).toEqual({
      url: "https://x",
      authentication: {
        type: "Basic",
        username: "u",
        password: { type: "SecureString", value: maskText },
      },
      list: [{ type: "SecureString", value: maskText }, "plain"],
    });
  });
});
