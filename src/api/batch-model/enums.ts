// Batch's enumerations, with the values the Batch service writes on the wire (API
// 2022-10-01.16.0; mostly lowercase, e.g. `performexitoptionsjobaction`). Input is read
// case-insensitively, as Batch does, and stored in these canonical spellings.

/** Defines an enumeration once: its values as data (for validation) and as a type. */
const values = <const T extends readonly string[]>(...items: T): T => items;

export const taskStates = values("active", "preparing", "running", "completed");
/** Task `state`. */
export type TaskState = (typeof taskStates)[number];

export const jobStates = values(
  "active",
  "disabling",
  "disabled",
  "enabling",
  "terminating",
  "completed",
  "deleting",
);
/** Job `state`. */
export type JobState = (typeof jobStates)[number];

export const poolStates = values("active", "deleting");
/** Pool `state`. */
export type PoolState = (typeof poolStates)[number];

export const allocationStates = values("steady", "resizing", "stopping");
/** Pool `allocationState`. */
export type AllocationState = (typeof allocationStates)[number];

export const computeNodeStates = values(
  "idle",
  "rebooting",
  "reimaging",
  "running",
  "unusable",
  "creating",
  "starting",
  "waitingforstarttask",
  "starttaskfailed",
  "unknown",
  "leavingpool",
  "offline",
  "preempted",
);
/** Compute node `state`. */
export type ComputeNodeState = (typeof computeNodeStates)[number];

export const schedulingStates = values("enabled", "disabled");
/** Compute node `schedulingState`. */
export type SchedulingState = (typeof schedulingStates)[number];

export const startTaskStates = values("running", "completed");
/** Start task, job preparation task and job release task state on a node. */
export type StartTaskState = (typeof startTaskStates)[number];

export const taskExecutionResults = values("success", "failure");
/** `executionInfo.result`. */
export type TaskExecutionResult = (typeof taskExecutionResults)[number];

export const errorCategories = values("usererror", "servererror");
/** `failureInfo.category`. */
export type ErrorCategory = (typeof errorCategories)[number];

export const jobActions = values("none", "disable", "terminate");
/** `exitOptions.jobAction`. */
export type JobAction = (typeof jobActions)[number];

export const dependencyActions = values("satisfy", "block");
/** `exitOptions.dependencyAction`. */
export type DependencyAction = (typeof dependencyActions)[number];

export const onAllTasksCompleteValues = values("noaction", "terminatejob");
/** Job `onAllTasksComplete`; default `noaction`. */
export type OnAllTasksComplete = (typeof onAllTasksCompleteValues)[number];

export const onTaskFailureValues = values("noaction", "performexitoptionsjobaction");
/** Job `onTaskFailure`; default `noaction`. */
export type OnTaskFailure = (typeof onTaskFailureValues)[number];

export const nodeFillTypes = values("spread", "pack");
/** `taskSchedulingPolicy.nodeFillType`; default `spread`. */
export type ComputeNodeFillType = (typeof nodeFillTypes)[number];

export const nodeDeallocationOptions = values(
  "requeue",
  "terminate",
  "taskcompletion",
  "retaineddata",
);
/** What happens to running tasks when a node leaves the pool; default `requeue`. */
export type ComputeNodeDeallocationOption = (typeof nodeDeallocationOptions)[number];

/** `nodeRebootOption` and `nodeReimageOption` take the same values; default `requeue`. */
export type ComputeNodeRebootOption = ComputeNodeDeallocationOption;

export const disableComputeNodeSchedulingOptions = values("requeue", "terminate", "taskcompletion");
/** `nodeDisableSchedulingOption`; default `requeue`. */
export type DisableComputeNodeSchedulingOption =
  (typeof disableComputeNodeSchedulingOptions)[number];

export const disableJobOptions = values("requeue", "terminate", "wait");
/** `disableTasks` of a job disable request. */
export type DisableJobOption = (typeof disableJobOptions)[number];

export const uploadConditions = values("tasksuccess", "taskfailure", "taskcompletion");
/** `outputFiles[].uploadOptions.uploadCondition`. */
export type OutputFileUploadCondition = (typeof uploadConditions)[number];

export const autoUserScopes = values("task", "pool");
/** `userIdentity.autoUser.scope`; default `pool`. */
export type AutoUserScope = (typeof autoUserScopes)[number];

export const elevationLevels = values("nonadmin", "admin");
/** `elevationLevel`; default `nonadmin`. */
export type ElevationLevel = (typeof elevationLevels)[number];

export const loginModes = values("batch", "interactive");
/** `windowsUserConfiguration.loginMode`. */
export type LoginMode = (typeof loginModes)[number];

export const containerWorkingDirectories = values("taskWorkingDirectory", "containerImageDefault");
/** `containerSettings.workingDirectory`. */
export type ContainerWorkingDirectory = (typeof containerWorkingDirectories)[number];

export const accessScopes = values("job");
/** `authenticationTokenSettings.access[]`. */
export type AccessScope = (typeof accessScopes)[number];

export const poolLifetimeOptions = values("jobschedule", "job");
/** `autoPoolSpecification.poolLifetimeOption`. */
export type PoolLifetimeOption = (typeof poolLifetimeOptions)[number];

export const nodeCommunicationModes = values("default", "classic", "simplified");
/** Pool `targetNodeCommunicationMode`. */
export type NodeCommunicationMode = (typeof nodeCommunicationModes)[number];

export const taskAddStatuses = values("success", "clienterror", "servererror");
/** `addtaskcollection` per-task `status`. */
export type TaskAddStatus = (typeof taskAddStatuses)[number];

export const certificateStoreLocations = values("currentuser", "localmachine");
export type CertificateStoreLocation = (typeof certificateStoreLocations)[number];
export const certificateVisibilities = values("starttask", "task", "remoteuser");
export type CertificateVisibility = (typeof certificateVisibilities)[number];
export const cachingTypes = values("none", "readonly", "readwrite");
export type CachingType = (typeof cachingTypes)[number];
export const storageAccountTypes = values("standard_lrs", "premium_lrs");
export type StorageAccountType = (typeof storageAccountTypes)[number];
export const diskEncryptionTargets = values("osdisk", "temporarydisk");
export type DiskEncryptionTarget = (typeof diskEncryptionTargets)[number];
export const nodePlacementPolicyTypes = values("regional", "zonal");
export type NodePlacementPolicyType = (typeof nodePlacementPolicyTypes)[number];
export const diffDiskPlacements = values("CacheDisk");
export type DiffDiskPlacement = (typeof diffDiskPlacements)[number];
export const dynamicVNetAssignmentScopes = values("none", "job");
export type DynamicVNetAssignmentScope = (typeof dynamicVNetAssignmentScopes)[number];
export const inboundEndpointProtocols = values("tcp", "udp");
export type InboundEndpointProtocol = (typeof inboundEndpointProtocols)[number];
export const networkSecurityGroupRuleAccesses = values("allow", "deny");
export type NetworkSecurityGroupRuleAccess = (typeof networkSecurityGroupRuleAccesses)[number];
export const ipAddressProvisioningTypes = values(
  "batchmanaged",
  "usermanaged",
  "nopublicipaddresses",
);
export type IPAddressProvisioningType = (typeof ipAddressProvisioningTypes)[number];
