import { access, readFile, stat } from "node:fs/promises";
import * as path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runTask, type OutputFileSpec, type ResourceFileSource } from "../../src/agent/index.js";
import { taskSpec, tempNodeRoot } from "./runner-support.js";

const text = (filePath: string, content: string, fileMode?: string): ResourceFileSource => ({
  filePath,
  ...(fileMode === undefined ? {} : { fileMode }),
  open: async () => Readable.from([content]),
});

const notFound = (filePath: string): ResourceFileSource => ({
  filePath,
  open: async () => {
    throw Object.assign(new Error("The specified blob does not exist."), { statusCode: 404 });
  },
});

/** An output spec that records what it was asked to upload, or fails with `error`. */
function recorder(filePattern: string, uploadCondition: string, error?: Error) {
  const calls: string[] = [];
  const spec: OutputFileSpec = {
    filePattern,
    uploadCondition,
    upload: async (relativePath, absolutePath) => {
      if (error !== undefined) throw error;
      calls.push(
        `${relativePath} <- ${path.basename(absolutePath)}: ${await readFile(absolutePath, "utf8")}`,
      );
    },
  };
  return { spec, calls };
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe("runTask: resource and output files", () => {
  let root: string;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ root, dispose } = await tempNodeRoot()));
  afterEach(async () => dispose());

  it("writes resource files into wd with their modes, then runs programs found there", async () => {
    const script = text("bin/run.sh", "#!/bin/sh\necho ran $1 > ran.txt\n", "0755");
    const data = text("in/deep/data.txt", "payload");
    const result = await runTask(
      taskSpec(root, "bin/run.sh first", { resourceFiles: [script, data] }),
    );
    expect(result.result).toBe("success");
    expect(await readFile(path.join(result.workingDir, "ran.txt"), "utf8")).toBe("ran first\n");
    expect((await stat(path.join(result.workingDir, "bin/run.sh"))).mode & 0o777).toBe(0o755);
    expect((await stat(path.join(result.workingDir, "in/deep/data.txt"))).mode & 0o777).toBe(0o770);

    const bare = await runTask(
      taskSpec(root, "run.sh second", {
        resourceFiles: [text("run.sh", "#!/bin/sh\necho $1\n", "0700")],
      }),
    );
    expect(await readFile(bare.stdoutPath, "utf8")).toBe("second\n");
  });

  it("fails a download as a pre-processing error and never runs the command", async () => {
    const result = await runTask(
      taskSpec(root, "/bin/sh -c 'touch ran'", {
        resourceFiles: [text("ok.txt", "x"), notFound("missing.bin")],
      }),
    );
    expect(result).toMatchObject({ result: "failure", failureKind: "preProcessingError" });
    expect(result.failureInfo).toMatchObject({ category: "usererror", code: "BlobNotFound" });
    expect(result.failureInfo?.message).toContain("missing.bin");
    expect(result.exitCode).toBeUndefined();
    expect(await exists(path.join(result.workingDir, "ran"))).toBe(false);
  });

  it("refuses a resource file path that escapes the working directory", async () => {
    for (const filePath of ["../stdout.txt", "a/../../x", "/etc/evil"]) {
      const result = await runTask(
        taskSpec(root, "/bin/sh -c 'touch ran'", { resourceFiles: [text(filePath, "x")] }),
      );
      expect(result.failureInfo, filePath).toMatchObject({
        category: "usererror",
        code: "ResourceFileCreateFailed",
      });
      expect(await exists(path.join(result.workingDir, "ran"))).toBe(false);
    }
    expect(await readFile(path.join(root, "workitems/job1/job-1/task1/stdout.txt"), "utf8")).toBe(
      "",
    );
  });

  it("uploads output files by pattern and condition after the process exits", async () => {
    const command = `/bin/sh -c 'mkdir -p out/a; echo 1 > out/a/x.csv; echo 2 > out/y.csv; echo 3 > out/.z.csv; echo log'`;
    const csv = recorder("out/**/*.csv", "taskSuccess");
    const logs = recorder("../std*.txt", "taskcompletion");
    const onFailure = recorder("out/y.csv", "taskfailure");
    const viaVariable = recorder("$AZ_BATCH_TASK_DIR/stdout.txt", "TaskCompletion");
    const result = await runTask(
      taskSpec(root, command, {
        outputFiles: [csv.spec, logs.spec, onFailure.spec, viaVariable.spec],
      }),
    );
    expect(result.result).toBe("success");
    expect(csv.calls).toEqual(["a/x.csv <- x.csv: 1\n", "y.csv <- y.csv: 2\n"]);
    expect(logs.calls).toEqual(["stderr.txt <- stderr.txt: ", "stdout.txt <- stdout.txt: log\n"]);
    expect(onFailure.calls).toEqual([]);
    expect(viaVariable.calls).toEqual(["stdout.txt <- stdout.txt: log\n"]);
    expect(result.uploadedFiles).toHaveLength(5);
  });

  it("uploads taskfailure files after a failed run, and reports upload errors without retrying", async () => {
    const onFailure = recorder("*.log", "taskfailure");
    const onSuccess = recorder("*.log", "tasksuccess");
    const failedRun = await runTask(
      taskSpec(root, `/bin/sh -c 'echo bad > err.log; exit 2'`, {
        outputFiles: [onFailure.spec, onSuccess.spec],
      }),
    );
    expect(onFailure.calls).toEqual(["err.log <- err.log: bad\n"]);
    expect(onSuccess.calls).toEqual([]);
    expect(failedRun.failureInfo?.code).toBe("FailureExitCode");

    let attempts = 0;
    const broken: OutputFileSpec = {
      filePattern: "*.log",
      uploadCondition: "taskcompletion",
      upload: async () => {
        attempts += 1;
        throw Object.assign(new Error("container is gone"), {
          code: "FileUploadContainerNotFound",
        });
      },
    };
    const result = await runTask(
      taskSpec(root, `/bin/sh -c 'echo ok > a.log'`, { outputFiles: [broken] }),
    );
    expect(attempts).toBe(1);
    expect(result).toMatchObject({ result: "failure", exitCode: 0 });
    expect(result.failureKind).toBeUndefined();
    expect(result.fileUploadError).toMatchObject({
      category: "usererror",
      code: "FileUploadContainerNotFound",
    });
    expect(result.failureInfo).toEqual(result.fileUploadError);
  });

  it("stops a download on abort and reports the run as aborted without running the command", async () => {
    const controller = new AbortController();
    const endless: ResourceFileSource = {
      filePath: "big.bin",
      open: async () => {
        // Aborts once the download has started; the stream itself never ends.
        setImmediate(() => controller.abort(new Error("task terminated")));
        return new Readable({ read() {} });
      },
    };
    const result = await runTask(
      taskSpec(root, "/bin/sh -c 'touch ran'", { resourceFiles: [endless] }),
      {
        signal: controller.signal,
      },
    );
    expect(result).toMatchObject({ failureKind: "aborted", abortReason: "task terminated" });
    expect(result.failureInfo?.code).toBe("TaskEnded");
    expect(await exists(path.join(result.workingDir, "ran"))).toBe(false);
  });
});
