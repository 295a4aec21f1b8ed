import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/index.js";
import { createCopyExecutor } from "../../src/factory/activities/copy-activity.js";
import { createLookupExecutor } from "../../src/factory/activities/lookup-activity.js";
import {
  invocationOf,
  outputOf,
  resourcesOf,
  startTestServer,
  type TestServer,
} from "../factory-activities/activity-kit.js";
import { startSftpServer, type SftpServer } from "../support/sftp-server.js";
import {
  copyOf,
  dataFolders,
  dataset,
  duckRows,
  linkedServices,
  ref,
  type DataFolders,
} from "./data-kit.js";
import {
  expectCopyFailure,
  expectMetadataThenDelete,
  fileHandler,
  locatedDataset,
  service,
} from "./http-kit.js";

describe("Copy to and from SFTP (OpenSSH sshd)", () => {
  let sftp: SftpServer;
  let folders: DataFolders;
  let web: TestServer;
  const sftpService = (name: string, extra: Record<string, unknown>) =>
    service(name, "Sftp", {
      host: sftp.host,
      port: sftp.port,
      userName: sftp.userName,
      hostKeyFingerprint: sftp.hostKeyFingerprint,
      ...extra,
    } as never);
  const defs = (password = sftp.password) => ({
    linkedServices: [
      ...linkedServices(folders.share),
      sftpService("Sftp", {
        authenticationType: "Basic",
        password: { type: "SecureString", value: password },
      }),
      sftpService("SftpKey", {
        authenticationType: "SshPublicKey",
        privateKeyContent: {
          type: "SecureString",
          value: Buffer.from(sftp.privateKey).toString("base64"),
        },
      }),
      service("Web", "HttpServer", { url: web.url, authenticationType: "Anonymous" }),
    ],
    datasets: [
      locatedDataset(
        "SftpCsv",
        "DelimitedText",
        "Sftp",
        { type: "SftpLocation" },
        {
          firstRowAsHeader: true,
        },
      ),
      locatedDataset("SftpParquet", "Parquet", "Sftp", { type: "SftpLocation" }),
      locatedDataset("SftpKeyBin", "Binary", "SftpKey", { type: "SftpLocation" }),
      locatedDataset("SftpBin", "Binary", "Sftp", { type: "SftpLocation" }),
      locatedDataset("WebBin", "Binary", "Web", {
        type: "HttpServerLocation",
        relativeUrl: "@concat(dataset().folder, '/', dataset().file)",
      }),
      dataset("LocalCsv", "DelimitedText", "Local", { firstRowAsHeader: true }),
      dataset("LocalBin", "Binary", "Local"),
    ],
  });
  const executor = () =>
    createCopyExecutor({
      clock: systemClock,
      localStorageRoot: folders.root,
      tempRoot: folders.temp,
    });

  beforeAll(async () => {
    sftp = await startSftpServer();
    folders = await dataFolders();
    web = await startTestServer(fileHandler(new Map()));
    await folders.put("storage/in/2024/01/sales.csv", "sku,qty\nA,1\nB,22\n");
    await folders.put("storage/in/2024/02/sales.csv", "sku,qty\nC,3\n");
    await folders.put("storage/in/notes.txt", "not a csv");
  }, 60_000);
  afterAll(async () => {
    await web.close();
    await sftp.stop();
    await folders.remove();
  });

  it("lands local CSVs on SFTP as Parquet, then reads them back by wildcard into one CSV", async () => {
    const up = await executor().run(
      copyOf(
        defs(),
        ref("LocalCsv", { container: "in", folder: "2024" }),
        ref("SftpParquet", { folder: "lake/sales" }),
        {
          source: { storeSettings: { recursive: true, wildcardFileName: "*.csv" } },
        },
      ),
    );
    expect(outputOf(up)).toMatchObject({ filesRead: 2, filesWritten: 2, rowsCopied: 3 });
    expect(await readdir(join(sftp.root, "lake/sales"), { recursive: true })).toEqual(
      expect.arrayContaining(["01/sales.csv", "02/sales.csv"]),
    );
    const local = join(sftp.root, "lake/sales/01/sales.csv");
    expect(await duckRows(`SELECT sku, qty FROM read_parquet('${local}')`)).toEqual([
      { sku: "A", qty: "1" },
      { sku: "B", qty: "22" },
    ]);
    const down = await executor().run(
      copyOf(
        defs(),
        ref("SftpParquet", { folder: "lake" }),
        ref("LocalCsv", { container: "out", file: "all.csv" }),
        {
          source: {
            storeSettings: {
              recursive: true,
              wildcardFolderPath: "lake/sales/*",
              wildcardFileName: "*.csv",
            },
          },
          sink: { storeSettings: { copyBehavior: "MergeFiles" } },
        },
      ),
    );
    expect(outputOf(down)).toMatchObject({ filesRead: 2, filesWritten: 1, rowsCopied: 3 });
    expect(await readFile(join(folders.root, "out/all.csv"), "utf8")).toBe(
      "sku,qty\r\nA,1\r\nB,22\r\nC,3\r\n",
    );
  });

  it("copies bytes with a private key login, and Lookup reads a CSV over SFTP", async () => {
    const copied = await executor().run(
      copyOf(
        defs(),
        ref("LocalBin", { container: "in", file: "notes.txt" }),
        ref("SftpKeyBin", { folder: "keyed", file: "notes.txt" }),
      ),
    );
    expect(outputOf(copied)).toMatchObject({ filesWritten: 1, dataWritten: 9 });
    expect(await readFile(join(sftp.root, "keyed/notes.txt"), "utf8")).toBe("not a csv");
    await executor().run(
      copyOf(
        defs(),
        ref("LocalCsv", { container: "in", folder: "2024/01", file: "sales.csv" }),
        ref("SftpCsv", { folder: "csv", file: "jan.csv" }),
      ),
    );
    const lookup = createLookupExecutor({ localStorageRoot: folders.root, tempRoot: folders.temp });
    const outcome = await lookup.run(
      invocationOf(
        "Lookup",
        { dataset: ref("SftpCsv", { folder: "csv", file: "jan.csv" }), firstRowOnly: false },
        { resources: resourcesOf(defs()) },
      ),
    );
    expect(outputOf(outcome)).toMatchObject({ count: 2, value: [{ sku: "A" }, { sku: "B" }] });
  });

  it("fails with ADF's error shape on a wrong password, never showing it", async () => {
    const outcome = await executor().run(
      copyOf(
        defs("wrong-password-123"),
        ref("SftpBin", { file: "x.bin" }),
        ref("LocalBin", { container: "out", file: "x.bin" }),
      ),
    );
    const message = expectCopyFailure(
      outcome,
      `login failed for user '${sftp.userName}'`,
      "wrong-password-123",
    );
    expect(message).toMatch(/^Failure happened on 'Source' side\. ErrorCode=/u);
  });

  it("fails on an unreachable server, and a copy that breaks midway leaves no file on SFTP", async () => {
    const down = {
      ...defs(),
      linkedServices: [
        ...defs().linkedServices.filter((item) => item.name !== "Sftp"),
        sftpService("Sftp", { password: sftp.password, port: 1 }),
      ],
    };
    const unreachable = await executor().run(
      copyOf(
        down,
        ref("SftpBin", { file: "x.bin" }),
        ref("LocalBin", { container: "out", file: "x.bin" }),
      ),
    );
    expect(unreachable.status).toBe("Failed");
    expect((unreachable as { error: { message: string } }).error.message).toContain(
      "cannot connect",
    );
    const broken = await executor().run(
      copyOf(
        defs(),
        ref("WebBin", { folder: "broken", file: "big.bin" }),
        ref("SftpBin", { folder: "partial", file: "big.bin" }),
      ),
    );
    expect(broken.status).toBe("Failed");
    const left = await readdir(join(sftp.root, "partial")).catch(() => []);
    expect(left).toEqual([]);
  });
  it("GetMetadata sees the folder and Delete removes its files", async () => {
    await expectMetadataThenDelete(resourcesOf(defs()), "SftpBin", "keyed");
  });
});
