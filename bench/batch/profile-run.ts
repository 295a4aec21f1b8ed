// CPU per task of the server and its agents (not part of `npm run bench`): N x /bin/true on a
// local pool of 2 nodes x 2 slots, printing wall time and the CPU seconds the server, each
// agent and each agent's spawn helper used, from /proc (Linux). Run after `npm run build`:
// `npx tsx bench/batch/profile-run.ts 2000`. Steadier than rates on a shared machine.
import { readFileSync, readdirSync } from "node:fs";
import { allCompleted, readyPool, tasksOf } from "./bench-kit.js";
import { startBenchServer } from "./server-process.js";

const count = Number(process.argv[2] ?? 3000);
const ticks = 100;

function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / ticks;
}

function sysOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[12]) / ticks;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === pid) out.push(Number(name));
    } catch {
      // gone
    }
  }
  return out;
}

const server = await startBenchServer();
try {
  await readyPool(server.client, "p", 2, 2);
  await server.client.addJob({ id: "j", poolInfo: { poolId: "p" } });
  const serverPid = childrenOf(process.pid).find((pid) =>
    readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("server-child"),
  )!;
  const agents = childrenOf(serverPid);
  const helpers = agents.flatMap((pid) => childrenOf(pid));
  const before = [serverPid, ...agents].map(cpuOf);
  const helpersBefore = helpers.map(cpuOf);
  const sysBefore = [serverPid, ...agents].map(sysOf);
  const start = performance.now();
  await server.client.addTasks("j", tasksOf(count, "/bin/true"));
  await allCompleted(server.client, "j", count);
  const ms = performance.now() - start;
  const after = [serverPid, ...agents].map(cpuOf);
  const used = after.map((value, i) => value - (before[i] ?? 0));
  const helperUsed = helpers.map((pid, i) => cpuOf(pid) - (helpersBefore[i] ?? 0));
  const sys = [serverPid, ...agents].map((pid, i) => sysOf(pid) - (sysBefore[i] ?? 0));
  console.log(
    JSON.stringify({
      count,
      seconds: ms / 1000,
      rate: (count * 1000) / ms,
      cpuServer: used[0],
      cpuAgents: used.slice(1),
      sys,
      cpuHelpers: helperUsed,
      cpuMsPerTask: {
        server: ((used[0] ?? 0) * 1000) / count,
        agents: (used.slice(1).reduce((a, b) => a + b, 0) * 1000) / count,
      },
    }),
  );
} finally {
  await server.close();
}
