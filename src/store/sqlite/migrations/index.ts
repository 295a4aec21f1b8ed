import type { Migration } from "../../migration.js";
import { batchTables } from "./0001-batch-tables.js";
import { taskDependencies } from "./0002-task-dependencies.js";
import { factoryTables } from "./0003-factory-tables.js";
import { jobPreparations } from "./0004-job-preparations.js";
import { triggerTables } from "./0005-trigger-tables.js";
import { jobSchedules } from "./0006-job-schedules.js";
import { autoscaleSamples } from "./0007-autoscale-samples.js";
import { multiInstanceTasks } from "./0008-multi-instance-tasks.js";

/** SQLite migrations in version order; the migrator refuses gaps and unknown versions. */
export const sqliteMigrations: readonly Migration[] = [
  batchTables,
  taskDependencies,
  factoryTables,
  jobPreparations,
  triggerTables,
  jobSchedules,
  autoscaleSamples,
  multiInstanceTasks,
];
