import { describe, expect, it } from "vitest";
import { maskResourceSecrets, maskSecretText, restoreMaskedSecrets } from "./secret-masking.js";

const mask = "**********";
const key =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

describe("maskSecretText", () => {
  it("masks the secret parts of connection strings and keeps the rest", () => {
    expect(
      maskSecretText(
        `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${key};EndpointSuffix=core.windows.net`,
      ),
    ).toBe(
      `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${mask};EndpointSuffix=core.windows.net`,
    );
    expect(maskSecretText("Server=db;User Id=sa;Password=p@ss;Database=x")).toBe(
      `Server=db;User Id=sa;Password=${mask};Database=x`,
    );
    expect(maskSecretText("Driver={ODBC};UID=u;PWD={a;b}}c};DSN=x")).toBe(
      `Driver={ODBC};UID=u;PWD=${mask};DSN=x`,
    );
    expect(maskSecretText('host=h; password="q;uoted"; port=5')).toBe(
      `host=h; password=${mask}; port=5`,
    );
    expect(
      maskSecretText(
        "BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sv=2022&sig=abc%2B=",
      ),
    ).toBe(`BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=${mask}`);
  });

  it("masks URL signatures, URL passwords and private keys", () => {
    expect(
      maskSecretText("https://a.blob.core.windows.net/c?sv=2022-11-02&sp=rl&sig=AbC%2Fd%3D"),
    ).toBe(`https://a.blob.core.windows.net/c?sv=2022-11-02&sp=rl&sig=${mask}`);
    expect(maskSecretText("postgres://admin:s3cret@db:5432/x")).toBe(
      `postgres://admin:${mask}@db:5432/x`,
    );
    const pem =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\nNzaC1r\n-----END OPENSSH PRIVATE KEY-----\n";
    expect(maskSecretText(pem)).toBe(`${mask}\n`);
  });

  it("leaves text without secrets unchanged", () => {
    for (const text of [
      "UseDevelopmentStorage=true",
      "https://example.com/a?b=c",
      "SELECT password FROM t",
      "Password=",
    ]) {
      expect(maskSecretText(text)).toBe(text);
    }
  });
});

describe("maskResourceSecrets", () => {
  const linkedService = {
    type: "AzureSqlDatabase",
    typeProperties: {
      connectionString: { type: "SecureString", value: "Server=s;Password=pw1" },
      password: "plain-pw",
      servicePrincipalKey: { type: "SecureString", value: "spk" },
      sasToken: "?sv=1&sig=zz",
      userName: "ada",
      accountKey: {
        type: "AzureKeyVaultSecret",
        store: { referenceName: "kv", type: "LinkedServiceReference" },
        secretName: "key-name",
      },
      authHeaders: { Authorization: "Bearer tok", Accept: "text/csv" },
      secretAccessKey: "@linkedService().secret",
    },
  };

  it("masks SecureStrings, credential fields and secrets in text; shows names, references and expressions", () => {
    expect(maskResourceSecrets(linkedService)).toEqual({
      type: "AzureSqlDatabase",
      typeProperties: {
        connectionString: { type: "SecureString", value: mask },
        password: mask,
        servicePrincipalKey: { type: "SecureString", value: mask },
        sasToken: mask,
        userName: "ada",
        accountKey: linkedService.typeProperties.accountKey,
        authHeaders: { Authorization: mask, Accept: "text/csv" },
        secretAccessKey: "@linkedService().secret",
      },
    });
  });

  it("masks a SecureString parameter's default and leaves the input untouched", () => {
    const pipeline = {
      parameters: {
        pw: { type: "securestring", defaultValue: "d" },
        n: { type: "Int", defaultValue: 1 },
      },
    };
    expect(maskResourceSecrets(pipeline)).toEqual({
      parameters: {
        pw: { type: "securestring", defaultValue: mask },
        n: { type: "Int", defaultValue: 1 },
      },
    });
    expect(pipeline.parameters.pw.defaultValue).toBe("d");
  });
});

describe("restoreMaskedSecrets", () => {
  const stored = {
    typeProperties: {
      connectionString: `AccountName=acct;AccountKey=${key}`,
      sasUri: { type: "SecureString", value: "https://a/c?sv=1&sig=SIG" },
      password: "old",
      list: [{ password: "p0" }, { password: "p1" }],
    },
  };

  it("puts every stored secret back when what was shown is sent back", () => {
    expect(restoreMaskedSecrets(maskResourceSecrets(stored), stored)).toEqual(stored);
  });

  it("keeps new values, and restores masked parts of an edited connection string", () => {
    const sent = {
      typeProperties: {
        connectionString: `AccountName=acct;AccountKey=${mask};EndpointSuffix=example.net`,
        sasUri: { type: "SecureString", value: "https://a/c?sv=2&sig=NEW" },
        password: "new",
        list: [{ password: mask }],
      },
    };
    expect(restoreMaskedSecrets(sent, stored)).toEqual({
      typeProperties: {
        connectionString: `AccountName=acct;AccountKey=${key};EndpointSuffix=example.net`,
        sasUri: { type: "SecureString", value: "https://a/c?sv=2&sig=NEW" },
        password: "new",
        list: [{ password: "p0" }],
      },
    });
  });

  it("keeps the mask where nothing was stored", () => {
    const sent = { typeProperties: { password: mask } };
    expect(restoreMaskedSecrets(sent, undefined)).toEqual(sent);
    expect(restoreMaskedSecrets(sent, { typeProperties: {} })).toEqual(sent);
  });
});
