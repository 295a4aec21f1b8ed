// Validation of the agent protocol's request bodies, with the same schema walker (and the
// same Batch-shaped errors) as Batch's own bodies. Unknown fields are ignored, so newer
// agents can talk to older servers.
import type {
  ClaimRequest,
  CompleteManyRequest,
  CompleteTaskRequest,
  CompletionItem,
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
      ipAddress: nonEmptyStr(256),
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
      diskBytes: { kind: "any" },
      ioPerSecond: { kind: "any" },
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
  { ...outcomeFields, claimSlots: int(0, maxTaskSlotsPerNode), retryCount: int(0) },
  ["result"],
);

/**
 * A completion: the run's outcome, the slots to claim work for afterwards (0: none), and a
 * preparation task's earlier failed runs on the node (0: none).
 */
export function validateComplete(body: unknown): {
  outcome: TaskRunOutcome;
  claimSlots: number;
  retryCount: number;
} {
  const { claimSlots, retryCount, ...outcome } = checkSchema(
    completeSchema,
    body,
    "",
    lenient,
  ) as CompleteTaskRequest;
  return { outcome, claimSlots: claimSlots ?? 0, retryCount: retryCount ?? 0 };
}

/** Most completions in one `completeMany` call. */
export const maxCompletionsPerCall = 256;

const completeManySchema = objectSchema<CompleteManyRequest>(
  "CompleteManyRequest",
  {
    completions: arrayOf(
      objectSchema<CompletionItem>(
        "CompletionItem",
        { ...outcomeFields, claimToken: nonEmptyStr(256), retryCount: int(0) },
        ["claimToken", "result"],
      ),
      maxCompletionsPerCall,
    ),
    claimSlots: int(0, maxTaskSlotsPerNode),
  },
  ["completions"],
);

/** A batch of completions: each one's claim token, outcome and retry count, and the claim's slots. */
export function validateCompleteMany(body: unknown): {
  items: { claimToken: string; outcome: TaskRunOutcome; retryCount: number }[];
  claimSlots: number;
} {
  const request = checkSchema(completeManySchema, body, "", lenient) as CompleteManyRequest;
  return {
    items: request.completions.map(({ claimToken, retryCount, ...outcome }) => ({
      claimToken,
      outcome,
      retryCount: retryCount ?? 0,
    })),
    claimSlots: request.claimSlots ?? 0,
  };
}
