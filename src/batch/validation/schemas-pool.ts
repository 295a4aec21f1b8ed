// Schemas of pool request bodies. Limits are Batch's (resizeTimeout ≥ 5 min, autoscale
// interval 5 min..168 h, taskSlotsPerNode 1..256).
import * as e from "../../api/index.js";
import type * as pp from "../../api/index.js";
import type * as p from "../../api/index.js";
import {
  anyJson,
  arrayOf,
  bool,
  duration,
  idStr,
  int,
  nonEmptyStr,
  objectSchema,
  oneOf,
  str,
  type ObjectSchema,
  type Schema,
} from "./schema.js";
import {
  applicationPackageReferenceSchema,
  commandLineSchema,
  containerRegistrySchema,
  containerSettingsSchema,
  displayNameSchema,
  environmentSettingSchema,
  identityReferenceSchema,
  metadataItemSchema,
  resourceFileSchema,
  userIdentitySchema,
} from "./schemas-task-parts.js";

const minute = 60_000;
/** Batch's most slots a node may offer. */
export const maxTaskSlotsPerNode = 256;

export const startTaskSchema = objectSchema<p.StartTask>(
  "StartTask",
  {
    commandLine: commandLineSchema,
    containerSettings: containerSettingsSchema,
    resourceFiles: arrayOf(resourceFileSchema),
    environmentSettings: arrayOf(environmentSettingSchema),
    userIdentity: userIdentitySchema,
    maxTaskRetryCount: int(-1),
    waitForSuccess: bool,
  },
  ["commandLine"],
);

const vmConfigurationSchema = objectSchema<pp.VirtualMachineConfiguration>(
  "VirtualMachineConfiguration",
  {
    imageReference: objectSchema<pp.ImageReference>("ImageReference", {
      publisher: str(),
      offer: str(),
      sku: str(),
      version: str(),
      virtualMachineImageId: str(),
      exactVersion: str(),
    }),
    nodeAgentSKUId: nonEmptyStr(),
    windowsConfiguration: objectSchema<pp.WindowsConfiguration>("WindowsConfiguration", {
      enableAutomaticUpdates: bool,
    }),
    dataDisks: arrayOf(
      objectSchema<pp.DataDisk>(
        "DataDisk",
        {
          lun: int(0),
          caching: oneOf(e.cachingTypes),
          diskSizeGB: int(1),
          storageAccountType: oneOf(e.storageAccountTypes),
        },
        ["lun", "diskSizeGB"],
      ),
    ),
    licenseType: str(),
    containerConfiguration: objectSchema<pp.ContainerConfiguration>("ContainerConfiguration", {
      containerImageNames: arrayOf(nonEmptyStr()),
      containerRegistries: arrayOf(containerRegistrySchema),
    }),
    diskEncryptionConfiguration: objectSchema<pp.DiskEncryptionConfiguration>(
      "DiskEncryptionConfiguration",
      {
        targets: arrayOf(oneOf(e.diskEncryptionTargets)),
      },
    ),
    nodePlacementConfiguration: objectSchema<pp.NodePlacementConfiguration>(
      "NodePlacementConfiguration",
      {
        policy: oneOf(e.nodePlacementPolicyTypes),
      },
    ),
    extensions: arrayOf(
      objectSchema<pp.VMExtension>(
        "VMExtension",
        {
          name: nonEmptyStr(),
          publisher: nonEmptyStr(),
          type: nonEmptyStr(),
          typeHandlerVersion: str(),
          autoUpgradeMinorVersion: bool,
          settings: anyJson,
          protectedSettings: anyJson,
          provisionAfterExtensions: arrayOf(str()),
        },
        ["name", "publisher", "type"],
      ),
    ),
    osDisk: objectSchema<pp.OSDisk>("OSDisk", {
      ephemeralOSDiskSettings: objectSchema<pp.DiffDiskSettings>("DiffDiskSettings", {
        placement: oneOf(e.diffDiskPlacements),
      }),
    }),
  },
  ["imageReference", "nodeAgentSKUId"],
);

const networkConfigurationSchema = objectSchema<pp.NetworkConfiguration>("NetworkConfiguration", {
  subnetId: str(),
  dynamicVNetAssignmentScope: oneOf(e.dynamicVNetAssignmentScopes),
  endpointConfiguration: objectSchema<pp.PoolEndpointConfiguration>(
    "PoolEndpointConfiguration",
    {
      inboundNATPools: arrayOf(
        objectSchema<pp.InboundNATPool>(
          "InboundNATPool",
          {
            name: nonEmptyStr(),
            protocol: oneOf(e.inboundEndpointProtocols),
            backendPort: int(1, 65535),
            frontendPortRangeStart: int(1, 65535),
            frontendPortRangeEnd: int(1, 65535),
            networkSecurityGroupRules: arrayOf(
              objectSchema<pp.NetworkSecurityGroupRule>(
                "NetworkSecurityGroupRule",
                {
                  priority: int(),
                  access: oneOf(e.networkSecurityGroupRuleAccesses),
                  sourceAddressPrefix: nonEmptyStr(),
                  sourcePortRanges: arrayOf(str()),
                },
                ["priority", "access", "sourceAddressPrefix"],
              ),
            ),
          },
          ["name", "protocol", "backendPort", "frontendPortRangeStart", "frontendPortRangeEnd"],
        ),
      ),
    },
    ["inboundNATPools"],
  ),
  publicIPAddressConfiguration: objectSchema<pp.PublicIPAddressConfiguration>(
    "PublicIPAddressConfiguration",
    {
      provision: oneOf(e.ipAddressProvisioningTypes),
      ipAddressIds: arrayOf(str()),
    },
  ),
});

const mountConfigurationSchema = objectSchema<pp.MountConfiguration>("MountConfiguration", {
  azureBlobFileSystemConfiguration: objectSchema<pp.AzureBlobFileSystemConfiguration>(
    "AzureBlobFileSystemConfiguration",
    {
      accountName: nonEmptyStr(),
      containerName: nonEmptyStr(),
      accountKey: str(),
      sasKey: str(),
      blobfuseOptions: str(),
      relativeMountPath: nonEmptyStr(),
      identityReference: identityReferenceSchema,
    },
    ["accountName", "containerName", "relativeMountPath"],
  ),
  nfsMountConfiguration: objectSchema<pp.NFSMountConfiguration>(
    "NFSMountConfiguration",
    { source: nonEmptyStr(), relativeMountPath: nonEmptyStr(), mountOptions: str() },
    ["source", "relativeMountPath"],
  ),
  cifsMountConfiguration: objectSchema<pp.CIFSMountConfiguration>(
    "CIFSMountConfiguration",
    {
      username: str(),
      source: nonEmptyStr(),
      relativeMountPath: nonEmptyStr(),
      mountOptions: str(),
      password: str(),
    },
    ["username", "source", "relativeMountPath", "password"],
  ),
  azureFileShareConfiguration: objectSchema<pp.AzureFileShareConfiguration>(
    "AzureFileShareConfiguration",
    {
      accountName: nonEmptyStr(),
      azureFileUrl: nonEmptyStr(),
      accountKey: str(),
      relativeMountPath: nonEmptyStr(),
      mountOptions: str(),
    },
    ["accountName", "azureFileUrl", "accountKey", "relativeMountPath"],
  ),
});

const certificateReferenceSchema = objectSchema<pp.CertificateReference>(
  "CertificateReference",
  {
    thumbprint: nonEmptyStr(),
    thumbprintAlgorithm: nonEmptyStr(),
    storeLocation: oneOf(e.certificateStoreLocations),
    storeName: str(),
    visibility: arrayOf(oneOf(e.certificateVisibilities)),
  },
  ["thumbprint", "thumbprintAlgorithm"],
);

const userAccountSchema = objectSchema<pp.UserAccount>(
  "UserAccount",
  {
    name: nonEmptyStr(),
    password: str(),
    elevationLevel: oneOf(e.elevationLevels),
    linuxUserConfiguration: objectSchema<pp.LinuxUserConfiguration>("LinuxUserConfiguration", {
      uid: int(0),
      gid: int(0),
      sshPrivateKey: str(),
    }),
    windowsUserConfiguration: objectSchema<pp.WindowsUserConfiguration>(
      "WindowsUserConfiguration",
      {
        loginMode: oneOf(e.loginModes),
      },
    ),
  },
  ["name", "password"],
);

const applicationPackageReferences = arrayOf(applicationPackageReferenceSchema, 10);
const metadata = arrayOf(metadataItemSchema);
const targetNodeCommunicationMode = oneOf(e.nodeCommunicationModes);

/** The fields of a pool specification (a pool add body without `id`). */
export const poolSpecificationFields: {
  readonly [K in keyof Omit<p.PoolAddParameter, "id">]-?: Schema;
} = {
  displayName: displayNameSchema,
  vmSize: nonEmptyStr(),
  cloudServiceConfiguration: objectSchema<pp.CloudServiceConfiguration>(
    "CloudServiceConfiguration",
    { osFamily: nonEmptyStr(), osVersion: str() },
    ["osFamily"],
  ),
  virtualMachineConfiguration: vmConfigurationSchema,
  resizeTimeout: duration(5 * minute),
  targetDedicatedNodes: int(0),
  targetLowPriorityNodes: int(0),
  enableAutoScale: bool,
  // Length and syntax are the formula compiler's (Batch's AutoScalingFormula* codes); the
  // interval's minimum is a service setting (validate-pool.ts).
  autoScaleFormula: str(),
  autoScaleEvaluationInterval: duration(undefined, 168 * 60 * minute),
  enableInterNodeCommunication: bool,
  networkConfiguration: networkConfigurationSchema,
  startTask: startTaskSchema,
  certificateReferences: arrayOf(certificateReferenceSchema, 12),
  applicationPackageReferences,
  applicationLicenses: arrayOf(nonEmptyStr()),
  taskSlotsPerNode: int(1, maxTaskSlotsPerNode),
  taskSchedulingPolicy: objectSchema<p.TaskSchedulingPolicy>(
    "TaskSchedulingPolicy",
    { nodeFillType: oneOf(e.nodeFillTypes) },
    ["nodeFillType"],
  ),
  userAccounts: arrayOf(userAccountSchema),
  metadata,
  mountConfiguration: arrayOf(mountConfigurationSchema),
  targetNodeCommunicationMode,
  sluiceExternalNodes: bool,
};

export const poolAddSchema: ObjectSchema = objectSchema<p.PoolAddParameter>(
  "PoolAddParameter",
  { id: idStr, ...poolSpecificationFields },
  ["id", "vmSize"],
);

export const poolPatchSchema = objectSchema<p.PoolPatchParameter>("PoolPatchParameter", {
  startTask: startTaskSchema,
  certificateReferences: arrayOf(certificateReferenceSchema, 12),
  applicationPackageReferences,
  metadata,
  targetNodeCommunicationMode,
});

export const poolUpdatePropertiesSchema = objectSchema<p.PoolUpdatePropertiesParameter>(
  "PoolUpdatePropertiesParameter",
  {
    startTask: startTaskSchema,
    certificateReferences: arrayOf(certificateReferenceSchema, 12),
    applicationPackageReferences,
    metadata,
    targetNodeCommunicationMode,
  },
  ["certificateReferences", "applicationPackageReferences", "metadata"],
);

export const poolResizeSchema = objectSchema<p.PoolResizeParameter>("PoolResizeParameter", {
  targetDedicatedNodes: int(0),
  targetLowPriorityNodes: int(0),
  resizeTimeout: duration(5 * minute),
  nodeDeallocationOption: oneOf(e.nodeDeallocationOptions),
});

export const nodeRemoveSchema = objectSchema<p.NodeRemoveParameter>(
  "NodeRemoveParameter",
  {
    nodeList: arrayOf(nonEmptyStr(), 100),
    resizeTimeout: duration(5 * minute),
    nodeDeallocationOption: oneOf(e.nodeDeallocationOptions),
  },
  ["nodeList"],
);

export const poolEnableAutoScaleSchema = objectSchema<p.PoolEnableAutoScaleParameter>(
  "PoolEnableAutoScaleParameter",
  {
    autoScaleFormula: str(),
    autoScaleEvaluationInterval: duration(undefined, 168 * 60 * minute),
  },
);

export const poolEvaluateAutoScaleSchema = objectSchema<p.PoolEvaluateAutoScaleParameter>(
  "PoolEvaluateAutoScaleParameter",
  { autoScaleFormula: str() },
  ["autoScaleFormula"],
);

export const nodeRebootSchema = objectSchema<p.NodeRebootParameter>("NodeRebootParameter", {
  nodeRebootOption: oneOf(e.nodeDeallocationOptions),
});

export const nodeReimageSchema = objectSchema<p.NodeReimageParameter>("NodeReimageParameter", {
  nodeReimageOption: oneOf(e.nodeDeallocationOptions),
});

export const nodeDisableSchedulingSchema = objectSchema<p.NodeDisableSchedulingParameter>(
  "NodeDisableSchedulingParameter",
  { nodeDisableSchedulingOption: oneOf(e.disableComputeNodeSchedulingOptions) },
);
