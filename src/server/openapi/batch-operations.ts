import { op, type OperationSpec } from "./operation-spec.js";

const pools = "Batch: pools";
const nodes = "Batch: compute nodes";
const jobs = "Batch: jobs";
const tasks = "Batch: tasks";
const schedules = "Batch: job schedules";
const list = ["$filter", "$select", "maxresults", "continuationToken"];

/** Azure Batch's data-plane paths Sluice serves (`?api-version=` accepted and ignored). */
export const batchOperations: readonly OperationSpec[] = [
  op("POST", "/pools", pools, "Add a pool", { request: "BatchPool", status: 201 }),
  op("GET", "/pools", pools, "List pools", { response: "BatchPoolList", query: list }),
  op("GET", "/pools/:poolId", pools, "Get a pool", { response: "BatchPool" }),
  op("PATCH", "/pools/:poolId", pools, "Update some of a pool's properties", {
    request: "BatchPool",
  }),
  op("DELETE", "/pools/:poolId", pools, "Delete a pool (its nodes stop)", { status: 202 }),
  op("POST", "/pools/:poolId/updateproperties", pools, "Replace a pool's updatable properties", {
    request: "BatchPool",
    status: 204,
  }),
  op("POST", "/pools/:poolId/resize", pools, "Resize a pool", {
    request: "PoolResizeParameter",
    status: 202,
  }),
  op("POST", "/pools/:poolId/stopresize", pools, "Stop a resize", { status: 202 }),
  op("POST", "/pools/:poolId/removenodes", pools, "Remove nodes from a pool", {
    request: "NodeRemoveParameter",
    status: 202,
  }),
  op("POST", "/pools/:poolId/enableautoscale", pools, "Enable or update autoscale", {
    request: "PoolEnableAutoScaleParameter",
  }),
  op("POST", "/pools/:poolId/disableautoscale", pools, "Disable autoscale"),
  op("POST", "/pools/:poolId/evaluateautoscale", pools, "Evaluate a formula (not applied)", {
    request: "PoolEvaluateAutoScaleParameter",
    response: "AutoScaleRun",
  }),
  op("POST", "/pools/:poolId/sluice/runautoscale", pools, "Run the pool's formula now (Sluice)"),
  op("GET", "/nodecounts", pools, "Node counts by state, per pool", { response: "PoolNodeCounts" }),
  op("GET", "/pools/:poolId/nodes", nodes, "List a pool's compute nodes", {
    response: "ComputeNodeList",
    query: list,
  }),
  op("GET", "/pools/:poolId/nodes/:nodeId", nodes, "Get a compute node", {
    response: "ComputeNode",
  }),
  op("POST", "/pools/:poolId/nodes/:nodeId/reboot", nodes, "Reboot a node (its agent restarts)", {
    status: 202,
  }),
  op("POST", "/pools/:poolId/nodes/:nodeId/disablescheduling", nodes, "Disable task scheduling"),
  op("POST", "/pools/:poolId/nodes/:nodeId/enablescheduling", nodes, "Enable task scheduling"),
  op("GET", "/pools/:poolId/nodes/:nodeId/files", nodes, "List a node's files", {
    description:
      "Only what the server holds for the node: startup/ (the start task's stdout and stderr) and workitems/<job>/job-1/<task>/ for tasks whose latest attempt ran there.",
    response: "NodeFileList",
    query: ["recursive"],
  }),
  op("GET", "/pools/:poolId/nodes/:nodeId/files/*", nodes, "Read a node's file", {
    response: "FileContent",
  }),
  op("HEAD", "/pools/:poolId/nodes/:nodeId/files/*", nodes, "A node file's properties"),
  op("POST", "/jobs", jobs, "Add a job", { request: "BatchJob", status: 201 }),
  op("GET", "/jobs", jobs, "List jobs", { response: "BatchJobList", query: list }),
  op("GET", "/jobs/:jobId", jobs, "Get a job", { response: "BatchJob" }),
  op("PATCH", "/jobs/:jobId", jobs, "Update some of a job's properties", { request: "BatchJob" }),
  op("PUT", "/jobs/:jobId", jobs, "Replace a job's updatable properties", { request: "BatchJob" }),
  op("DELETE", "/jobs/:jobId", jobs, "Delete a job and its tasks", { status: 202 }),
  op("POST", "/jobs/:jobId/disable", jobs, "Disable a job", {
    request: "JobDisableParameter",
    status: 202,
  }),
  op("POST", "/jobs/:jobId/enable", jobs, "Enable a job", { status: 202 }),
  op("POST", "/jobs/:jobId/terminate", jobs, "Terminate a job", {
    request: "JobTerminateParameter",
    status: 202,
  }),
  op("GET", "/jobs/:jobId/taskcounts", jobs, "Task and slot counts by state", {
    response: "TaskCountsResult",
  }),
  op(
    "GET",
    "/jobs/:jobId/jobpreparationandreleasetaskstatus",
    jobs,
    "Job preparation and release task status per node",
    { response: "JobPreparationAndReleaseTaskStatusList" },
  ),
  op("POST", "/jobs/:jobId/tasks", tasks, "Add a task", { request: "BatchTask", status: 201 }),
  op("POST", "/jobs/:jobId/addtaskcollection", tasks, "Add up to 100 tasks at once", {
    request: "TaskAddCollectionParameter",
    response: "TaskAddCollectionResult",
  }),
  op("GET", "/jobs/:jobId/tasks", tasks, "List a job's tasks", {
    response: "BatchTaskList",
    query: list,
  }),
  op("GET", "/jobs/:jobId/tasks/:taskId", tasks, "Get a task", { response: "BatchTask" }),
  op("PUT", "/jobs/:jobId/tasks/:taskId", tasks, "Update a task's constraints", {
    request: "BatchTask",
  }),
  op("DELETE", "/jobs/:jobId/tasks/:taskId", tasks, "Delete a task"),
  op("POST", "/jobs/:jobId/tasks/:taskId/terminate", tasks, "Terminate a task", { status: 204 }),
  op("POST", "/jobs/:jobId/tasks/:taskId/reactivate", tasks, "Reactivate a failed task", {
    status: 204,
  }),
  op(
    "GET",
    "/jobs/:jobId/tasks/:taskId/subtasksinfo",
    tasks,
    "List a multi-instance task's subtasks",
    {
      description:
        "Batch's List Subtasks: the subtasks (ids 1..numberOfInstances-1) of the task's current or last run, each with its node, times, state, exit code and result. Empty for a task that is not multi-instance.",
    },
  ),
  op("GET", "/jobs/:jobId/tasks/:taskId/files", tasks, "List a task's files", {
    response: "NodeFileList",
    query: ["recursive"],
  }),
  op("GET", "/jobs/:jobId/tasks/:taskId/files/*", tasks, "Read a task's file (stdout.txt, ...)", {
    description: "Honours `Range` (ocp-range) as Batch does.",
    response: "FileContent",
  }),
  op("POST", "/jobschedules", schedules, "Add a job schedule", {
    request: "BatchJobSchedule",
    status: 201,
  }),
  op("GET", "/jobschedules", schedules, "List job schedules", {
    response: "BatchJobScheduleList",
    query: list,
  }),
  op("GET", "/jobschedules/:jobScheduleId", schedules, "Get a job schedule", {
    response: "BatchJobSchedule",
  }),
  op("PATCH", "/jobschedules/:jobScheduleId", schedules, "Update some of a job schedule", {
    request: "BatchJobSchedule",
  }),
  op("PUT", "/jobschedules/:jobScheduleId", schedules, "Replace a job schedule's properties", {
    request: "BatchJobSchedule",
  }),
  op("DELETE", "/jobschedules/:jobScheduleId", schedules, "Delete a job schedule and its jobs", {
    status: 202,
  }),
  op("POST", "/jobschedules/:jobScheduleId/disable", schedules, "Disable a job schedule", {
    status: 204,
  }),
  op("POST", "/jobschedules/:jobScheduleId/enable", schedules, "Enable a job schedule", {
    status: 204,
  }),
  op("POST", "/jobschedules/:jobScheduleId/terminate", schedules, "Terminate a job schedule", {
    status: 202,
  }),
  op("GET", "/jobschedules/:jobScheduleId/jobs", schedules, "List the jobs a schedule created", {
    response: "BatchJobList",
    query: list,
  }),
];
