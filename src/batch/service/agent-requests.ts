// Validation of the agent protocol's request bodies, with the same schema walker (and the
// same Batch-shaped errors) as Batch's own bodies. Unknown fields are ignored, so newer
// agents can talk to older servers.
import type {
  ClaimRequest,
  CompleteTaskRequest,
  HeartbeatRequest,
  RegisterNodeRequest,
  TaskRunOutcome,
} from "../../api/index.js";
import { maxTaskSlotsPerNode } from "../validation/schemas-pool.js";
import {
  arrayOf,
  bool,
  checkSchema,
  idStr,
  int,
  nonEmptyStr,
  objectSchema,
  oneOf,
  str,
} from "../validation/schema.js";

const lenient = { unknownProperties: "ignore" } as const;

/** Longest a claim may wait for work, in ms. */
export const maxClaimWaitMs = 60_000;

const outcomeFields = {
  startTime: str(64),
  endTime: str(64),
  exitCode: int(),
  result: oneOf(["success", "failure"]),
  failureKind: oneOf(["preProcessingError", "exitCode", "timeout", "aborted"]),
  failureInfo: objectSchema<NonNullable<TaskRunOutcome["failureInfo"]>>(
    "TaskFailureInformation",
    { category: oneOf(["usererror", "servererror"]), code: str(256), message: str(4096) },
    ["category", "code", "message"],
  ),
  fileUploadError: bool,
};

const outcomeSchema = objectSchema<TaskRunOutcome>("TaskRunOutcome", outcomeFields, ["result"]);

export function validateRegister(body: unknown): RegisterNodeRequest {
  const schema = objectSchema<RegisterNodeRequest>(
    "RegisterNodeRequest",
    {
      nodeId: idStr,
      slots: int(1, maxTaskSlotsPerNode),
      hostname: nonEmptyStr(256),
      agentVersion: nonEmptyStr(64),
    },
    ["hostname", "agentVersion"],
  );
  return checkSchema(schema, body, "", lenient) as RegisterNodeRequest;
}

export function validateHeartbeat(body: unknown): HeartbeatRequest {
  const schema = objectSchema<HeartbeatRequest>(
    "HeartbeatRequest",
    {
      runningClaims: arrayOf(nonEmptyStr(256), 1024),
      startTask: objectSchema<NonNullable<HeartbeatRequest["startTask"]>>(
        "StartTaskProgress",
        { state: oneOf(["running", "completed"]), result: outcomeSchema },
        ["state"],
      ),
      cpuPercent: { kind: "any" },
      memoryBytes: { kind: "any" },
    },
    ["runningClaims"],
  );
  return checkSchema(schema, body, "", lenient) as HeartbeatRequest;
}

export function validateClaim(body: unknown): ClaimRequest {
  const schema = objectSchema<ClaimRequest>(
    "ClaimRequest",
    { freeSlots: int(0, maxTaskSlotsPerNode), waitMs: int(0, maxClaimWaitMs) },
    ["freeSlots"],
  );
  return checkSchema(schema, body, "", lenient) as ClaimRequest;
}

export function validateOutcome(body: unknown): TaskRunOutcome {
  return checkSchema(outcomeSchema, body, "", lenient) as TaskRunOutcome;
}

const completeSchema = objectSchema<CompleteTaskRequest>(
  "CompleteTaskRequest",
  { ...outcomeFields, claimSlots: int(0, maxTaskSlotsPerNode) },
  ["result"],
);

/** A completion: the run's outcome, and the slots to claim work for afterwards (0: none). */
export function validateComplete(body: unknown): { outcome: TaskRunOutcome; claimSlots: number } {
  const { claimSlots, ...outcome } = checkSchema(
    completeSchema,
    body,
    "",
    lenient,
  ) as CompleteTaskRequest;
  return { outcome, claimSlots: claimSlots ?? 0 };
}
