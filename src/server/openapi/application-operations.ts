import { op, type OperationSpec } from "./operation-spec.js";

const applications = "Batch: application packages";

/**
 * Application packages: Batch's data-plane reads, and Sluice's management paths under
 * /sluice/applications, which Batch does through Azure Resource Manager.
 */
export const applicationOperations: readonly OperationSpec[] = [
  op("GET", "/applications", applications, "List applications", {
    response: "ApplicationSummaryList",
    query: ["maxresults"],
  }),
  op("GET", "/applications/:applicationId", applications, "Get an application", {
    response: "ApplicationSummary",
  }),
  op("GET", "/sluice/applications/:applicationId", applications, "An application's settings", {
    description: "Sluice only (ARM's application resource): versions with size and SHA-256.",
    response: "ApplicationDetails",
  }),
  op("PATCH", "/sluice/applications/:applicationId", applications, "Change its settings", {
    description: "Sluice only: displayName, defaultVersion, allowUpdates.",
    request: "ApplicationPatch",
    response: "ApplicationDetails",
  }),
  op("DELETE", "/sluice/applications/:applicationId", applications, "Delete an application", {
    status: 204,
  }),
  op(
    "PUT",
    "/sluice/applications/:applicationId/versions/:version",
    applications,
    "Upload a version's zip (streamed)",
    { request: "FileContent", response: "ApplicationPackageInfo", status: 201 },
  ),
  op(
    "GET",
    "/sluice/applications/:applicationId/versions/:version/package",
    applications,
    "Download a version's zip",
    { response: "FileContent" },
  ),
  op(
    "DELETE",
    "/sluice/applications/:applicationId/versions/:version",
    applications,
    "Delete a version",
    { status: 204 },
  ),
];
