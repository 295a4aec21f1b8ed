// Installs the application packages an assignment names (once per node and version) and
// gives the task the variables that point at them. A package that cannot be had is Batch's
// pre-processing error: the command does not run.
import type { AgentClient, TaskAssignment } from "../../client/index.js";
import { PackageInstaller } from "../packages/install-package.js";
import { errorMessage, failure } from "../runner/failure-info.js";
import type { TaskFailureInfo } from "../runner/task-run-spec.js";

/** One installer per node root: concurrent tasks share installs. */
const installers = new Map<string, PackageInstaller>();

/** The packages' variables, or the failure that stops the task. */
export async function installPackages(
  task: TaskAssignment,
  context: { readonly client: AgentClient; readonly nodeRootDir: string },
  signal: AbortSignal,
): Promise<{ variables: { name: string; value: string }[] } | { failure: TaskFailureInfo }> {
  const wanted = task.applicationPackages ?? [];
  if (wanted.length === 0) return { variables: [] };
  let installer = installers.get(context.nodeRootDir);
  if (installer === undefined) {
    installer = new PackageInstaller(context.nodeRootDir);
    installers.set(context.nodeRootDir, installer);
  }
  const variables: { name: string; value: string }[] = [];
  for (const pkg of wanted) {
    const facts = { applicationId: pkg.applicationId };
    if (pkg.problem !== undefined || pkg.version === undefined) {
      return {
        failure: failure(
          "ApplicationPackageNotFound",
          pkg.problem ?? "No version.",
          facts,
          "usererror",
        ),
      };
    }
    const version = pkg.version;
    try {
      const folder = await installer.ensure({ applicationId: pkg.applicationId, version }, () =>
        context.client.readApplicationPackage(pkg.applicationId, version, signal),
      );
      for (const name of pkg.variables) variables.push({ name, value: folder });
    } catch (error) {
      const message = `Application package ${pkg.applicationId} ${version} could not be installed: ${errorMessage(error)}`;
      return { failure: failure("ApplicationPackageInstallFailed", message, facts, "usererror") };
    }
  }
  return { variables };
}
