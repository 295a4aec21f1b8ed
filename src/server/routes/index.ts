// Batch's REST API and the node agent protocol, as route modules over a BatchService.
import type { BatchService } from "../../batch/index.js";
import type { RouteModule } from "../http-server.js";
import { agentRoutes } from "./agent-routes.js";
import { applicationRoutes } from "./application-routes.js";
import { jobPreparationRoutes } from "./job-preparation-routes.js";
import { jobRoutes } from "./job-routes.js";
import { jobScheduleRoutes } from "./job-schedule-routes.js";
import { poolRoutes } from "./pool-routes.js";
import { storageRoutes } from "./storage-routes.js";
import { taskRoutes } from "./task-routes.js";

/**
 * Every route of the Batch service: Batch's data-plane paths (pools, nodes, jobs, tasks,
 * task files; `?api-version=` accepted and ignored), the agent protocol under
 * `/sluice/agent/`, and the embedded storage under `/sluice/storage/`.
 */
export function batchRoutes(service: BatchService): RouteModule[] {
  return [
    poolRoutes(service),
    jobRoutes(service),
    jobScheduleRoutes(service),
    jobPreparationRoutes(service),
    taskRoutes(service),
    agentRoutes(service),
    storageRoutes(service),
    applicationRoutes(service),
  ];
}

export {
  agentRoutes,
  applicationRoutes,
  jobPreparationRoutes,
  jobRoutes,
  jobScheduleRoutes,
  poolRoutes,
  storageRoutes,
  taskRoutes,
};
