// Schemas of the task parts every task kind shares. Limits are Batch's.
import * as e from "../../api/index.js";
import type * as m from "../../api/index.js";
import { arrayOf, bool, duration, int, nonEmptyStr, objectSchema, oneOf, str } from "./schema.js";

/** Batch's limit on display names. */
export const maxDisplayNameLength = 1024;

export const identityReferenceSchema = objectSchema<m.ComputeNodeIdentityReference>(
  "ComputeNodeIdentityReference",
  { resourceId: str() },
);

export const resourceFileSchema = objectSchema<m.ResourceFile>("ResourceFile", {
  autoStorageContainerName: nonEmptyStr(),
  storageContainerUrl: nonEmptyStr(),
  httpUrl: nonEmptyStr(),
  blobPrefix: str(),
  filePath: str(),
  fileMode: str(),
  identityReference: identityReferenceSchema,
});

export const environmentSettingSchema = objectSchema<m.EnvironmentSetting>(
  "EnvironmentSetting",
  { name: nonEmptyStr(), value: str() },
  ["name"],
);

export const metadataItemSchema = objectSchema<m.MetadataItem>(
  "MetadataItem",
  { name: nonEmptyStr(), value: str() },
  ["name", "value"],
);

const httpHeaderSchema = objectSchema<m.HttpHeader>(
  "HttpHeader",
  { name: nonEmptyStr(), value: str() },
  ["name"],
);

export const outputFileSchema = objectSchema<m.OutputFile>(
  "OutputFile",
  {
    filePattern: nonEmptyStr(),
    destination: objectSchema<m.OutputFileDestination>("OutputFileDestination", {
      container: objectSchema<m.OutputFileBlobContainerDestination>(
        "OutputFileBlobContainerDestination",
        {
          path: str(),
          containerUrl: nonEmptyStr(),
          identityReference: identityReferenceSchema,
          uploadHeaders: arrayOf(httpHeaderSchema),
        },
        ["containerUrl"],
      ),
    }),
    uploadOptions: objectSchema<m.OutputFileUploadOptions>(
      "OutputFileUploadOptions",
      { uploadCondition: oneOf(e.uploadConditions) },
      ["uploadCondition"],
    ),
  },
  ["filePattern", "destination", "uploadOptions"],
);

const exitOptionsSchema = objectSchema<m.ExitOptions>("ExitOptions", {
  jobAction: oneOf(e.jobActions),
  dependencyAction: oneOf(e.dependencyActions),
});

export const exitConditionsSchema = objectSchema<m.ExitConditions>("ExitConditions", {
  exitCodes: arrayOf(
    objectSchema<m.ExitCodeMapping>(
      "ExitCodeMapping",
      { code: int(), exitOptions: exitOptionsSchema },
      ["code", "exitOptions"],
    ),
  ),
  exitCodeRanges: arrayOf(
    objectSchema<m.ExitCodeRangeMapping>(
      "ExitCodeRangeMapping",
      { start: int(), end: int(), exitOptions: exitOptionsSchema },
      ["start", "end", "exitOptions"],
    ),
  ),
  preProcessingError: exitOptionsSchema,
  fileUploadError: exitOptionsSchema,
  default: exitOptionsSchema,
});

export const userIdentitySchema = objectSchema<m.UserIdentity>("UserIdentity", {
  userName: nonEmptyStr(),
  autoUser: objectSchema<m.AutoUserSpecification>("AutoUserSpecification", {
    scope: oneOf(e.autoUserScopes),
    elevationLevel: oneOf(e.elevationLevels),
  }),
});

export const taskConstraintsSchema = objectSchema<m.TaskConstraints>("TaskConstraints", {
  maxWallClockTime: duration(0),
  retentionTime: duration(0),
  maxTaskRetryCount: int(-1),
});

export const containerRegistrySchema = objectSchema<m.ContainerRegistry>("ContainerRegistry", {
  userName: str(),
  password: str(),
  registryServer: str(),
  identityReference: identityReferenceSchema,
});

export const containerSettingsSchema = objectSchema<m.TaskContainerSettings>(
  "TaskContainerSettings",
  {
    containerRunOptions: str(),
    imageName: nonEmptyStr(),
    registry: containerRegistrySchema,
    workingDirectory: oneOf(e.containerWorkingDirectories),
  },
  ["imageName"],
);

export const applicationPackageReferenceSchema = objectSchema<m.ApplicationPackageReference>(
  "ApplicationPackageReference",
  { applicationId: nonEmptyStr(), version: str() },
  ["applicationId"],
);

export const authenticationTokenSettingsSchema = objectSchema<m.AuthenticationTokenSettings>(
  "AuthenticationTokenSettings",
  { access: arrayOf(oneOf(e.accessScopes)) },
);

export const displayNameSchema = str(maxDisplayNameLength);
export const commandLineSchema = nonEmptyStr();
export const booleanSchema = bool;
