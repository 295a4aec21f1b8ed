import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agentPidPath, liveAgentAt, removeAgentPid, writeAgentPid } from "./agent-pid-file.js";

/** A process that runs until killed, with `args` on its command line. */
function idle(...args: string[]): ChildProcess {
  return spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "--", ...args], {
    stdio: "ignore",
  });
}

const exitOf = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

describe("the agent pid file", () => {
  let root: string;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "sluice-pid-"));
  });

  afterEach(async () => {
    for (const child of children.splice(0)) {
      child.kill("SIGKILL");
      await exitOf(child);
    }
    await rm(root, { recursive: true, force: true });
  });

  it("names a live agent started with this root", async () => {
    const agent = idle("--root", root);
    children.push(agent);
    await writeFile(agentPidPath(root), `${agent.pid}\n`);
    expect(liveAgentAt(root)).toBe(agent.pid);
    agent.kill("SIGKILL");
    await exitOf(agent);
    expect(liveAgentAt(root)).toBeUndefined();
  });

  it("does not take a reused process id (another program) for the agent", async () => {
    const other = idle("--root", "/elsewhere");
    children.push(other);
    await writeFile(agentPidPath(root), `${other.pid}\n`);
    expect(liveAgentAt(root)).toBeUndefined();
  });

  it("is written and removed by the agent itself, and never names the caller", () => {
    expect(liveAgentAt(root)).toBeUndefined();
    writeAgentPid(root);
    expect(liveAgentAt(root)).toBeUndefined();
    removeAgentPid(root);
    expect(liveAgentAt(root)).toBeUndefined();
  });
});
