// Application packages over the real API and storage: upload versions, Batch's list/get,
// settings, download, delete, and references resolved (the default version when none named).
import type { Buffer } from "node:buffer";
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { zipOf } from "../support/zip.js";
import { json, startBatchApi, token, type BatchApi } from "./batch-api-kit.js";

describeEachDialect("Batch application packages", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
  });
  afterEach(() => api.close());

  const upload = (id: string, version: string, bytes: Buffer) =>
    api.app.inject({
      method: "PUT",
      url: `/sluice/applications/${id}/versions/${version}`,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/zip" },
      payload: bytes,
    });

  it("uploads versions, lists them as Batch does, sets a default, serves and deletes", async () => {
    const v1 = await zipOf({ "bin/tool.sh": "echo one\n" });
    const created = await upload("Tool-App", "1.0", v1);
    expect(created.statusCode, created.body).toBe(201);
    expect(json(created)).toMatchObject({ version: "1.0", size: v1.length });
    expect((await upload("Tool-App", "2.0", await zipOf({ "x.txt": "two" }))).statusCode).toBe(201);

    expect(json(await api.call("GET", "/applications"))).toMatchObject({
      value: [{ id: "Tool-App", displayName: "Tool-App", versions: ["1.0", "2.0"] }],
    });
    expect(json(await api.call("GET", "/applications/tool-app"))).toEqual({
      id: "Tool-App",
      displayName: "Tool-App",
      versions: ["1.0", "2.0"],
    });
    const patched = await api.call("PATCH", "/sluice/applications/Tool-App", {
      defaultVersion: "2.0",
      displayName: "Tool",
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(json(patched)).toMatchObject({ displayName: "Tool", defaultVersion: "2.0" });
    expect(await api.service.applications.resolve([{ applicationId: "tool-app" }])).toEqual([
      { applicationId: "Tool-App", version: "2.0", isDefault: true },
    ]);

    const download = await api.app.inject({
      method: "GET",
      url: "/sluice/applications/Tool-App/versions/1.0/package",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.length, download.body.slice(0, 200)).toBe(v1.length);
    expect(download.rawPayload.equals(v1)).toBe(true);

    const deleted = await api.call("DELETE", "/sluice/applications/Tool-App/versions/2.0");
    expect(deleted.statusCode).toBe(204);
    expect(json(await api.call("GET", "/sluice/applications/Tool-App"))).toMatchObject({
      versions: ["1.0"],
    });
    expect(json(await api.call("GET", "/sluice/applications/Tool-App")).defaultVersion).toBe(
      undefined,
    );
    expect((await api.call("DELETE", "/sluice/applications/Tool-App")).statusCode).toBe(204);
    const gone = await api.call("GET", "/applications/Tool-App");
    expect(gone.statusCode).toBe(404);
    expect(json(gone)).toMatchObject({ code: "ApplicationNotFound" });
  });

  it("refuses bad names, a missing default, updates when not allowed, and bad references", async () => {
    const zip = await zipOf({ "a.txt": "a" });
    const badVersion = await upload("app", "1%20beta", zip);
    expect(badVersion.statusCode).toBe(400);
    expect(json(badVersion)).toMatchObject({ code: "InvalidPropertyValue" });
    expect((await upload("app", "1", zip)).statusCode).toBe(201);
    const badDefault = await api.call("PATCH", "/sluice/applications/app", { defaultVersion: "9" });
    expect(badDefault.statusCode).toBe(400);
    expect(badDefault.body).toContain("defaultVersion '9' is not a version");
    await api.call("PATCH", "/sluice/applications/app", { allowUpdates: false });
    const replaced = await upload("app", "1", await zipOf({ "b.txt": "b" }));
    expect(replaced.statusCode).toBe(409);
    expect(replaced.body).toContain("does not allow updates");
    await expect(
      api.service.applications.resolve([{ applicationId: "app" }]),
    ).rejects.toMatchObject({ batchCode: "InvalidApplicationPackageReferences" });
    await expect(
      api.service.applications.resolve([{ applicationId: "nope", version: "1" }]),
    ).rejects.toThrow(/Application 'nope' does not exist/);
    const pool = await api.call("POST", "/pools", {
      id: "withpackages",
      vmSize: "standard_d2s_v3",
      sluiceExternalNodes: true,
      applicationPackageReferences: [{ applicationId: "app" }],
    });
    expect(pool.statusCode).toBe(409);
    expect(json(pool)).toMatchObject({ code: "InvalidApplicationPackageReferences" });
    expect((await api.call("GET", "/pools/withpackages")).statusCode).toBe(404);
    const missing = await api.app.inject({
      method: "GET",
      url: "/sluice/applications/app/versions/7/package",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(missing.statusCode).toBe(404);
  });
});
