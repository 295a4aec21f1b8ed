// Schemas of job and task request bodies.
import * as e from "../../api/index.js";
import type * as j from "../../api/index.js";
import type * as t from "../../api/index.js";
import {
  arrayOf,
  bool,
  duration,
  idStr,
  int,
  nonEmptyStr,
  objectSchema,
  oneOf,
  str,
} from "./schema.js";
import { poolSpecificationFields } from "./schemas-pool.js";
import {
  applicationPackageReferenceSchema,
  authenticationTokenSettingsSchema,
  commandLineSchema,
  containerSettingsSchema,
  displayNameSchema,
  environmentSettingSchema,
  exitConditionsSchema,
  metadataItemSchema,
  outputFileSchema,
  resourceFileSchema,
  taskConstraintsSchema,
  userIdentitySchema,
} from "./schemas-task-parts.js";

/** Batch's limits: priority -1000..1000, at most 100 tasks per addtaskcollection. */
export const minPriority = -1000;
export const maxPriority = 1000;
export const maxTasksPerCollection = 100;

const jobConstraintsSchema = objectSchema<j.JobConstraints>("JobConstraints", {
  maxWallClockTime: duration(0),
  maxTaskRetryCount: int(-1),
});

const poolInfoSchema = objectSchema<j.PoolInformation>("PoolInformation", {
  poolId: nonEmptyStr(),
  autoPoolSpecification: objectSchema<j.AutoPoolSpecification>(
    "AutoPoolSpecification",
    {
      autoPoolIdPrefix: str(20),
      poolLifetimeOption: oneOf(e.poolLifetimeOptions),
      keepAlive: bool,
      pool: objectSchema<j.PoolSpecification>("PoolSpecification", poolSpecificationFields, [
        "vmSize",
      ]),
    },
    ["poolLifetimeOption"],
  ),
});

const jobManagerTaskSchema = objectSchema<j.JobManagerTask>(
  "JobManagerTask",
  {
    id: idStr,
    displayName: displayNameSchema,
    commandLine: commandLineSchema,
    containerSettings: containerSettingsSchema,
    resourceFiles: arrayOf(resourceFileSchema),
    outputFiles: arrayOf(outputFileSchema),
    environmentSettings: arrayOf(environmentSettingSchema),
    constraints: taskConstraintsSchema,
    requiredSlots: int(1),
    killJobOnCompletion: bool,
    userIdentity: userIdentitySchema,
    runExclusive: bool,
    applicationPackageReferences: arrayOf(applicationPackageReferenceSchema),
    authenticationTokenSettings: authenticationTokenSettingsSchema,
    allowLowPriorityNode: bool,
  },
  ["id", "commandLine"],
);

const jobPreparationTaskSchema = objectSchema<j.JobPreparationTask>(
  "JobPreparationTask",
  {
    id: idStr,
    commandLine: commandLineSchema,
    containerSettings: containerSettingsSchema,
    resourceFiles: arrayOf(resourceFileSchema),
    environmentSettings: arrayOf(environmentSettingSchema),
    constraints: taskConstraintsSchema,
    waitForSuccess: bool,
    userIdentity: userIdentitySchema,
    rerunOnNodeRebootAfterSuccess: bool,
  },
  ["commandLine"],
);

const jobReleaseTaskSchema = objectSchema<j.JobReleaseTask>(
  "JobReleaseTask",
  {
    id: idStr,
    commandLine: commandLineSchema,
    containerSettings: containerSettingsSchema,
    resourceFiles: arrayOf(resourceFileSchema),
    environmentSettings: arrayOf(environmentSettingSchema),
    // Batch caps the release task at 15 minutes.
    maxWallClockTime: duration(0, 15 * 60_000),
    retentionTime: duration(0),
    userIdentity: userIdentitySchema,
  },
  ["commandLine"],
);

const priority = int(minPriority, maxPriority);
const maxParallelTasks = int(-1);
const metadata = arrayOf(metadataItemSchema);
const onAllTasksComplete = oneOf(e.onAllTasksCompleteValues);

export const jobAddSchema = objectSchema<j.JobAddParameter>(
  "JobAddParameter",
  {
    id: idStr,
    displayName: displayNameSchema,
    priority,
    maxParallelTasks,
    allowTaskPreemption: bool,
    constraints: jobConstraintsSchema,
    jobManagerTask: jobManagerTaskSchema,
    jobPreparationTask: jobPreparationTaskSchema,
    jobReleaseTask: jobReleaseTaskSchema,
    commonEnvironmentSettings: arrayOf(environmentSettingSchema),
    poolInfo: poolInfoSchema,
    onAllTasksComplete,
    onTaskFailure: oneOf(e.onTaskFailureValues),
    metadata,
    usesTaskDependencies: bool,
    networkConfiguration: objectSchema<j.JobNetworkConfiguration>(
      "JobNetworkConfiguration",
      { subnetId: nonEmptyStr() },
      ["subnetId"],
    ),
  },
  ["id", "poolInfo"],
);

export const jobPatchSchema = objectSchema<j.JobPatchParameter>("JobPatchParameter", {
  priority,
  maxParallelTasks,
  allowTaskPreemption: bool,
  onAllTasksComplete,
  constraints: jobConstraintsSchema,
  poolInfo: poolInfoSchema,
  metadata,
});

export const jobUpdateSchema = objectSchema<j.JobUpdateParameter>(
  "JobUpdateParameter",
  {
    priority,
    maxParallelTasks,
    allowTaskPreemption: bool,
    constraints: jobConstraintsSchema,
    poolInfo: poolInfoSchema,
    metadata,
    onAllTasksComplete,
  },
  ["poolInfo"],
);

export const jobDisableSchema = objectSchema<j.JobDisableParameter>(
  "JobDisableParameter",
  { disableTasks: oneOf(e.disableJobOptions) },
  ["disableTasks"],
);

export const jobTerminateSchema = objectSchema<j.JobTerminateParameter>("JobTerminateParameter", {
  terminateReason: str(),
});

export const taskAddSchema = objectSchema<t.TaskAddParameter>(
  "TaskAddParameter",
  {
    id: idStr,
    displayName: displayNameSchema,
    commandLine: commandLineSchema,
    containerSettings: containerSettingsSchema,
    exitConditions: exitConditionsSchema,
    resourceFiles: arrayOf(resourceFileSchema),
    outputFiles: arrayOf(outputFileSchema),
    environmentSettings: arrayOf(environmentSettingSchema),
    affinityInfo: objectSchema<t.AffinityInformation>(
      "AffinityInformation",
      { affinityId: nonEmptyStr() },
      ["affinityId"],
    ),
    constraints: taskConstraintsSchema,
    requiredSlots: int(1),
    userIdentity: userIdentitySchema,
    multiInstanceSettings: objectSchema<t.MultiInstanceSettings>(
      "MultiInstanceSettings",
      {
        numberOfInstances: int(1),
        coordinationCommandLine: commandLineSchema,
        commonResourceFiles: arrayOf(resourceFileSchema),
      },
      ["coordinationCommandLine"],
    ),
    dependsOn: objectSchema<t.TaskDependencies>("TaskDependencies", {
      taskIds: arrayOf(nonEmptyStr()),
      taskIdRanges: arrayOf(
        objectSchema<t.TaskIdRange>("TaskIdRange", { start: int(0), end: int(0) }, [
          "start",
          "end",
        ]),
      ),
    }),
    applicationPackageReferences: arrayOf(applicationPackageReferenceSchema),
    authenticationTokenSettings: authenticationTokenSettingsSchema,
  },
  ["id", "commandLine"],
);

export const taskUpdateSchema = objectSchema<t.TaskUpdateParameter>("TaskUpdateParameter", {
  constraints: taskConstraintsSchema,
});
