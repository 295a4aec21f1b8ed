// Claim tokens of multi-instance tasks' instances. The primary (instance 0) holds the task's
// own token (`t.<run>.<job>.<task>`); a subtask holds `m.<run>.<job>.<task>.<instance>`.
import { parseClaimToken, taskClaimToken } from "./claim-token.js";

/** Which instance of which run a token stands for. */
export interface InstanceRef {
  readonly runToken: string;
  readonly jobId: string;
  readonly taskId: string;
  readonly instance: number;
}

const idPart = /^[A-Za-z0-9_-]{1,64}$/;

export function subtaskClaimToken(ref: InstanceRef): string {
  if (ref.instance === 0) return taskClaimToken(ref.runToken, ref.jobId, ref.taskId);
  return `m.${ref.runToken}.${ref.jobId}.${ref.taskId}.${ref.instance}`;
}

/** True for a subtask's token (which the task-claim parser does not know). */
export function isSubtaskClaimToken(token: string): boolean {
  return token.startsWith("m.") && instanceOfToken(token) !== undefined;
}

/** Reads a primary's or a subtask's token; undefined for any other. */
export function instanceOfToken(token: string): InstanceRef | undefined {
  const task = parseClaimToken(token);
  if (task?.kind === "task") {
    return { runToken: task.storeToken, jobId: task.jobId, taskId: task.taskId, instance: 0 };
  }
  const parts = token.split(".");
  if (parts[0] !== "m" || parts.length !== 5) return undefined;
  const [, runToken = "", jobId = "", taskId = "", instance = ""] = parts;
  if (!/^[0-9a-z-]{1,80}$/.test(runToken) || !idPart.test(jobId) || !idPart.test(taskId)) {
    return undefined;
  }
  if (!/^[1-9][0-9]{0,5}$/.test(instance)) return undefined;
  return { runToken, jobId, taskId, instance: Number(instance) };
}
