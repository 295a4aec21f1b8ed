// The claim token an agent holds is the store's token plus where the task is, so a
// completion, a log append or a heartbeat finds its task without a lookup table. Agents treat
// it as opaque. Batch ids and node ids have no '.', and the store's tokens have none either.

/** What a claim token the service handed out stands for. */
export type ClaimRef =
  | {
      readonly kind: "task";
      readonly storeToken: string;
      readonly jobId: string;
      readonly taskId: string;
    }
  | { readonly kind: "startTask"; readonly nodeId: string; readonly attempt: number }
  | JobNodeRef<"jobPreparationTask">
  | JobNodeRef<"jobReleaseTask">;

/** A run of a job's preparation or release task on one node. */
export interface JobNodeRef<K extends "jobPreparationTask" | "jobReleaseTask"> {
  readonly kind: K;
  readonly storeToken: string;
  readonly jobId: string;
  readonly nodeId: string;
}

const idPart = /^[A-Za-z0-9_-]{1,64}$/;

/** The agent's token for a task attempt. */
export function taskClaimToken(storeToken: string, jobId: string, taskId: string): string {
  return `t.${storeToken}.${jobId}.${taskId}`;
}

/** The agent's token for a node's start task run. */
export function startTaskClaimToken(nodeId: string, attempt: number): string {
  return `s.${nodeId}.${attempt}`;
}

/** The agent's token for a run of a job's preparation (`p`) or release (`r`) task on a node. */
export function jobNodeClaimToken(
  kind: "jobPreparationTask" | "jobReleaseTask",
  storeToken: string,
  jobId: string,
  nodeId: string,
): string {
  return `${kind === "jobPreparationTask" ? "p" : "r"}.${storeToken}.${jobId}.${nodeId}`;
}

/** Reads a token; undefined when it is not one the service hands out. */
export function parseClaimToken(token: string): ClaimRef | undefined {
  const parts = token.split(".");
  if ((parts[0] === "p" || parts[0] === "r") && parts.length === 4) {
    const [prefix, storeToken = "", jobId = "", nodeId = ""] = parts;
    if (!/^[0-9a-z-]{1,80}$/.test(storeToken) || !idPart.test(jobId) || !idPart.test(nodeId)) {
      return undefined;
    }
    return prefix === "p"
      ? { kind: "jobPreparationTask", storeToken, jobId, nodeId }
      : { kind: "jobReleaseTask", storeToken, jobId, nodeId };
  }
  if (parts[0] === "t" && parts.length === 4) {
    const [, storeToken = "", jobId = "", taskId = ""] = parts;
    if (!/^[0-9a-z-]{1,80}$/.test(storeToken) || !idPart.test(jobId) || !idPart.test(taskId)) {
      return undefined;
    }
    return { kind: "task", storeToken, jobId, taskId };
  }
  if (parts[0] === "s" && parts.length === 3) {
    const [, nodeId = "", attempt = ""] = parts;
    if (!idPart.test(nodeId) || !/^[0-9]{1,6}$/.test(attempt)) return undefined;
    return { kind: "startTask", nodeId, attempt: Number(attempt) };
  }
  return undefined;
}
