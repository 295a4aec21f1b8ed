import { describe, expect, it } from "vitest";
import { isSluiceError } from "../../core/index.js";
import { openLinkedStorage } from "./linked-storage.js";
import type { ResolvedDefinition } from "./resolve-definition.js";
import { requestSettingsOf, timeSpanMs } from "./rest-request-settings.js";

function definition(type: string, typeProperties: Record<string, unknown>): ResolvedDefinition {
  return { name: "L", type, properties: { type, typeProperties }, typeProperties };
}

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}

describe("REST request settings", () => {
  it("takes the Copy source's settings over the dataset's, with header lines or objects", () => {
    const dataset = definition("RestResource", {
      requestMethod: "GET",
      additionalHeaders: "X-A: 1\nX-B: two",
      paginationRules: { AbsoluteUrl: "$.next" },
    });
    expect(requestSettingsOf(dataset, undefined)).toEqual({
      method: "GET",
      headers: { "X-A": "1", "X-B": "two" },
      paginationRules: { AbsoluteUrl: "$.next" },
    });
    const source = {
      requestMethod: "post",
      requestBody: { q: 1 },
      additionalHeaders: { Authorization: { type: "SecureString", value: "Bearer x" } },
      httpRequestTimeout: "00:00:30",
      requestInterval: 20,
    };
    expect(requestSettingsOf(dataset, source)).toMatchObject({
      method: "POST",
      body: '{"q":1}',
      headers: { Authorization: "Bearer x" },
      timeoutMs: 30_000,
      intervalMs: 20,
    });
    expect(timeSpanMs("1.02:00:00", "t")).toBe(26 * 3_600_000);
    const bad = thrown(() => requestSettingsOf(dataset, { requestMethod: "DELETE" }));
    expect(isSluiceError(bad, "InvalidArgument")).toBe(true);
  });
});

describe("SFTP, S3 and HTTP linked services", () => {
  it("refuses missing or unsupported settings, naming the field and never a secret", () => {
    const noPassword = thrown(() =>
      openLinkedStorage(definition("Sftp", { host: "h", userName: "u" }), "", {}),
    );
    expect(isSluiceError(noPassword, "InvalidArgument")).toBe(true);
    expect(noPassword.message).toContain("typeProperties.password");
    const mfa = thrown(() =>
      openLinkedStorage(
        definition("Sftp", { host: "h", userName: "u", authenticationType: "MultiFactor" }),
        "",
        {},
      ),
    );
    expect(mfa.message).toContain("supported: Basic, SshPublicKey");
    const noBucket = thrown(() =>
      openLinkedStorage(
        definition("AmazonS3", { accessKeyId: "k", secretAccessKey: "s3-secret" }),
        "",
        {},
      ),
    );
    expect(noBucket.message).toContain("bucketName");
    expect(noBucket.message).not.toContain("s3-secret");
    const digest = thrown(() =>
      openLinkedStorage(
        definition("HttpServer", { url: "http://h/", authenticationType: "Digest" }),
        "",
        {},
      ),
    );
    expect(digest.message).toContain("supported: Anonymous, Basic");
  });

  it("joins an HttpServer url and relativeUrl, naming the file by the last segment", () => {
    const opened = openLinkedStorage(
      definition("HttpServer", { url: "http://h/base/?sig=1" }),
      "",
      {},
      {
        location: {
          container: "",
          folderPath: "",
          fileName: "",
          relativeUrl: "/data/a%20b.csv?x=2",
        },
      },
    );
    expect(opened.location).toEqual({ container: "", folderPath: "", fileName: "a b.csv" });
    expect(opened.connector.description).toBe("HTTP source http://h/base/data/");
    const rest = openLinkedStorage(
      definition("RestService", { url: "http://h/api" }),
      "",
      {},
      { location: { container: "", folderPath: "", fileName: "", relativeUrl: "v1/items" } },
    );
    expect(rest.location?.fileName).toBe("items.json");
  });
});
