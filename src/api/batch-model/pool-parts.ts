// Cloud-only pool settings (VM image, network, mounts, certificates, user accounts). Sluice
// validates, stores and returns them so real pool definitions deploy unchanged; its local
// and external nodes do not act on them.
import type {
  CachingType,
  CertificateStoreLocation,
  CertificateVisibility,
  DiffDiskPlacement,
  DiskEncryptionTarget,
  DynamicVNetAssignmentScope,
  ElevationLevel,
  InboundEndpointProtocol,
  IPAddressProvisioningType,
  LoginMode,
  NetworkSecurityGroupRuleAccess,
  NodePlacementPolicyType,
  StorageAccountType,
} from "./enums.js";
import type { ComputeNodeIdentityReference, ContainerRegistry } from "./task-parts.js";

export interface ImageReference {
  readonly publisher?: string;
  readonly offer?: string;
  readonly sku?: string;
  readonly version?: string;
  readonly virtualMachineImageId?: string;
  readonly exactVersion?: string;
}

export interface WindowsConfiguration {
  readonly enableAutomaticUpdates?: boolean;
}

export interface DataDisk {
  readonly lun: number;
  readonly caching?: CachingType;
  readonly diskSizeGB: number;
  readonly storageAccountType?: StorageAccountType;
}

export interface ContainerConfiguration {
  readonly containerImageNames?: readonly string[];
  readonly containerRegistries?: readonly ContainerRegistry[];
}

export interface DiskEncryptionConfiguration {
  readonly targets?: readonly DiskEncryptionTarget[];
}

export interface NodePlacementConfiguration {
  readonly policy?: NodePlacementPolicyType;
}

export interface VMExtension {
  readonly name: string;
  readonly publisher: string;
  readonly type: string;
  readonly typeHandlerVersion?: string;
  readonly autoUpgradeMinorVersion?: boolean;
  /** Free-form JSON, passed through. */
  readonly settings?: unknown;
  readonly protectedSettings?: unknown;
  readonly provisionAfterExtensions?: readonly string[];
}

export interface DiffDiskSettings {
  readonly placement?: DiffDiskPlacement;
}

export interface OSDisk {
  readonly ephemeralOSDiskSettings?: DiffDiskSettings;
}

export interface VirtualMachineConfiguration {
  readonly imageReference: ImageReference;
  readonly nodeAgentSKUId: string;
  readonly windowsConfiguration?: WindowsConfiguration;
  readonly dataDisks?: readonly DataDisk[];
  readonly licenseType?: string;
  readonly containerConfiguration?: ContainerConfiguration;
  readonly diskEncryptionConfiguration?: DiskEncryptionConfiguration;
  readonly nodePlacementConfiguration?: NodePlacementConfiguration;
  readonly extensions?: readonly VMExtension[];
  readonly osDisk?: OSDisk;
}

export interface CloudServiceConfiguration {
  readonly osFamily: string;
  readonly osVersion?: string;
}

export interface NetworkSecurityGroupRule {
  readonly priority: number;
  readonly access: NetworkSecurityGroupRuleAccess;
  readonly sourceAddressPrefix: string;
  readonly sourcePortRanges?: readonly string[];
}

export interface InboundNATPool {
  readonly name: string;
  readonly protocol: InboundEndpointProtocol;
  readonly backendPort: number;
  readonly frontendPortRangeStart: number;
  readonly frontendPortRangeEnd: number;
  readonly networkSecurityGroupRules?: readonly NetworkSecurityGroupRule[];
}

export interface PoolEndpointConfiguration {
  readonly inboundNATPools: readonly InboundNATPool[];
}

export interface PublicIPAddressConfiguration {
  readonly provision?: IPAddressProvisioningType;
  readonly ipAddressIds?: readonly string[];
}

export interface NetworkConfiguration {
  readonly subnetId?: string;
  readonly dynamicVNetAssignmentScope?: DynamicVNetAssignmentScope;
  readonly endpointConfiguration?: PoolEndpointConfiguration;
  readonly publicIPAddressConfiguration?: PublicIPAddressConfiguration;
}

export interface AzureBlobFileSystemConfiguration {
  readonly accountName: string;
  readonly containerName: string;
  readonly accountKey?: string;
  readonly sasKey?: string;
  readonly blobfuseOptions?: string;
  readonly relativeMountPath: string;
  readonly identityReference?: ComputeNodeIdentityReference;
}

export interface NFSMountConfiguration {
  readonly source: string;
  readonly relativeMountPath: string;
  readonly mountOptions?: string;
}

export interface CIFSMountConfiguration {
  readonly username: string;
  readonly source: string;
  readonly relativeMountPath: string;
  readonly mountOptions?: string;
  readonly password: string;
}

export interface AzureFileShareConfiguration {
  readonly accountName: string;
  readonly azureFileUrl: string;
  readonly accountKey: string;
  readonly relativeMountPath: string;
  readonly mountOptions?: string;
}

export interface MountConfiguration {
  readonly azureBlobFileSystemConfiguration?: AzureBlobFileSystemConfiguration;
  readonly nfsMountConfiguration?: NFSMountConfiguration;
  readonly cifsMountConfiguration?: CIFSMountConfiguration;
  readonly azureFileShareConfiguration?: AzureFileShareConfiguration;
}

export interface CertificateReference {
  readonly thumbprint: string;
  readonly thumbprintAlgorithm: string;
  readonly storeLocation?: CertificateStoreLocation;
  readonly storeName?: string;
  readonly visibility?: readonly CertificateVisibility[];
}

export interface LinuxUserConfiguration {
  readonly uid?: number;
  readonly gid?: number;
  readonly sshPrivateKey?: string;
}

export interface WindowsUserConfiguration {
  readonly loginMode?: LoginMode;
}

export interface UserAccount {
  readonly name: string;
  readonly password: string;
  readonly elevationLevel?: ElevationLevel;
  readonly linuxUserConfiguration?: LinuxUserConfiguration;
  readonly windowsUserConfiguration?: WindowsUserConfiguration;
}
