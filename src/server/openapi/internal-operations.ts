import { op, type OperationSpec } from "./operation-spec.js";

const agent = "Sluice: node agent protocol";
const storage = "Sluice: embedded storage";
const ui = "Sluice: web UI";

/**
 * Sluice's own paths: the embedded storage (for users and tasks), and the internal ones the
 * node agent, WebHook activities and the browser use. Internal paths may change between
 * versions without notice.
 */
export const internalOperations: readonly OperationSpec[] = [
  op("GET", "/sluice/storage/:container/*", storage, "Read a file, or list with ?list", {
    description:
      "A container is a folder of `<dataDir>/storage`. `?list&prefix=P` answers the files under P. Opens with the bearer token or a shared access signature Sluice issued (a Custom activity's `sasUri`). Honours `Range`.",
    response: "FileContent",
    query: ["list", "prefix"],
  }),
  op("PUT", "/sluice/storage/:container/*", storage, "Write a file (streamed)", {
    request: "FileContent",
    status: 201,
  }),
  op("DELETE", "/sluice/storage/:container/*", storage, "Delete a file", { status: 202 }),
  op("POST", "/sluice/agent/pools/:poolId/nodes", agent, "A node agent joins a pool", {
    internal: true,
    status: 201,
  }),
  op("POST", "/sluice/agent/nodes/:nodeId/heartbeat", agent, "A node's heartbeat", {
    internal: true,
  }),
  op("POST", "/sluice/agent/nodes/:nodeId/claim", agent, "Claim a task (long poll)", {
    internal: true,
  }),
  op(
    "POST",
    "/sluice/agent/nodes/:nodeId/claims/:claimToken/complete",
    agent,
    "Report a task's end (and claim the next)",
    { internal: true },
  ),
  op("POST", "/sluice/agent/nodes/:nodeId/completions", agent, "Report several tasks' ends", {
    internal: true,
  }),
  op(
    "POST",
    "/sluice/agent/nodes/:nodeId/claims/:claimToken/gang",
    agent,
    "A multi-instance task's instance reports its coordination and waits (long poll)",
    { internal: true },
  ),
  op(
    "PUT",
    "/sluice/agent/nodes/:nodeId/claims/:claimToken/files/:name",
    agent,
    "Append to a running task's stdout or stderr",
    { internal: true, query: ["offset"] },
  ),
  op(
    "POST",
    "/factories/:factory/sluice/callbacks/:activityRunId",
    "Sluice: WebHook callbacks",
    "A WebHook activity's callback",
    {
      description:
        "The `callBackUri` a WebHook activity sends; opens with its own `token` query parameter, not the bearer token.",
      internal: true,
      public: true,
      query: ["token"],
    },
  ),
  op("GET", "/", ui, "Redirects to the web UI", { internal: true, public: true }),
  op("GET", "/ui", ui, "The web UI", { internal: true, public: true }),
  op("GET", "/ui/*", ui, "The web UI's files", { internal: true, public: true }),
];
