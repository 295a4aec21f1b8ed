// Application packages' names and the environment variables that point tasks at them, as
// Batch defines them (see "Deploy applications to compute nodes with Batch application
// packages" and "Azure Batch runtime environment variables").
import { BatchError } from "../batch-error.js";

const applicationIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
const versionPattern = /^[A-Za-z0-9_.-]{1,64}$/;

/** Checks an application id (letters, digits, hyphens, underscores; 1-64). */
export function checkApplicationId(id: string, field = "applicationId"): string {
  if (!applicationIdPattern.test(id)) {
    throw new BatchError(
      "InvalidPropertyValue",
      `${field} '${id}' is not valid: 1 to 64 letters, digits, hyphens or underscores.`,
      { PropertyName: field, PropertyValue: id },
    );
  }
  return id;
}

/** Checks a package version (letters, digits, hyphens, underscores, periods; 1-64). */
export function checkVersion(version: string, field = "version"): string {
  if (!versionPattern.test(version) || version === "." || version === "..") {
    throw new BatchError(
      "InvalidPropertyValue",
      `${field} '${version}' is not valid: 1 to 64 letters, digits, hyphens, underscores or periods.`,
      { PropertyName: field, PropertyValue: version },
    );
  }
  return version;
}

const envPart = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, "_");

/**
 * The variable holding a package's folder on a Linux node: `AZ_BATCH_APP_PACKAGE_<id>_<version>`
 * with the id and version lowercased and other characters as underscores (Batch's example:
 * `Agent-linux-x64` 1.1.46.0 is `AZ_BATCH_APP_PACKAGE_agent_linux_x64_1_1_46_0`); without a
 * version (a reference to the default version) `AZ_BATCH_APP_PACKAGE_<id>`.
 */
export function packageEnvironmentName(applicationId: string, version?: string): string {
  const base = `AZ_BATCH_APP_PACKAGE_${envPart(applicationId)}`;
  return version === undefined ? base : `${base}_${envPart(version)}`;
}
