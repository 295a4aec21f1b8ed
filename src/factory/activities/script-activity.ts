import { SluiceError } from "../../core/index.js";
import { resolveDefinition } from "../connections/resolve-definition.js";
import { dataMovementError } from "../data/copy-error.js";
import { connectSql, resolveLinkedService } from "../data/sql/open-sql.js";
import { bindScript } from "../data/sql/script-parameters.js";
import { ScriptOutput } from "../data/sql/script-output.js";
import { statementError } from "../data/sql/sql-error.js";
import type { ActivityExecutor, ActivityInvocation, ActivityOutcome } from "./activity-executor.js";

/**
 * ADF's Script activity on the SQL stores Sluice connects to (PostgreSql, AzurePostgreSql,
 * MySql, AzureMySql): the activity's `linkedServiceName`, `scripts` run in order, each a
 * `Query` (default: its result sets are the output) or `NonQuery` (`recordsAffected`), with
 * `Input` parameters bound to `@name` in the text. A block without parameters may hold several
 * statements. Output: `resultSetCount`, `resultSets`, `recordsAffected`, `outputTruncated`.
 * Statements run in autocommit mode, as ADF's do.
 */
export function createScriptExecutor(): ActivityExecutor {
  return {
    async run(invocation: ActivityInvocation): Promise<ActivityOutcome> {
      const reference = resolveDefinition(invocation.activity.linkedServiceName, invocation.scope);
      if (reference === undefined || reference === null) {
        throw new SluiceError(
          "InvalidArgument",
          `Script activity '${invocation.activity.name}' needs linkedServiceName: the database its scripts run on.`,
          { details: { field: "linkedServiceName" } },
        );
      }
      const service = await resolveLinkedService(invocation.resources, reference);
      const scripts = scriptsOf(invocation.typeProperties.scripts);
      try {
        const open = await connectSql(service, "Sink", invocation.signal);
        try {
          const output = new ScriptOutput();
          for (const [index, script] of scripts.entries()) {
            const field = `scripts[${index}].parameters`;
            const bound = bindScript(script.text, script.parameters, open.client.dialect, field);
            const results = await open.client
              .run(bound.text, bound.values)
              .catch((error: unknown) => {
                throw statementError(error, "Sink", open.endpoint.password);
              });
            output.add(results, script.type);
          }
          return { status: "Succeeded", output: output.toJson() };
        } finally {
          await open.client.close();
        }
      } catch (error) {
        if (error instanceof SluiceError && error.code === "InvalidArgument") throw error;
        // The specific code (SqlOperationFailed, SqlFailedToConnect...) is the errorCode.
        const failure = dataMovementError(invocation.activity.name, error, new Map());
        const detail = failure.details?.[0] as { code?: unknown } | undefined;
        const code = typeof detail?.code === "string" ? detail.code : failure.errorCode;
        const message = failure.message.replace(/^Failure happened on '\w+' side\. /u, "");
        return { status: "Failed", error: { ...failure, errorCode: code, message } };
      }
    },
  };
}

interface Script {
  readonly text: string;
  readonly type: "Query" | "NonQuery";
  readonly parameters: unknown;
}

function scriptsOf(value: unknown): Script[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new SluiceError(
      "InvalidArgument",
      "scripts must be an array of {text, type, parameters}.",
      {
        details: { field: "scripts", value },
      },
    );
  }
  return value.map((item: unknown, index) => {
    const script = (item ?? {}) as Record<string, unknown>;
    if (typeof script.text !== "string" || script.text.trim() === "") {
      throw new SluiceError("InvalidArgument", `scripts[${index}].text must be the SQL to run.`, {
        details: { field: `scripts[${index}].text`, value: script.text ?? null },
      });
    }
    const type = typeof script.type === "string" ? script.type : "Query";
    if (type !== "Query" && type !== "NonQuery") {
      throw new SluiceError(
        "InvalidArgument",
        `scripts[${index}].type '${type}' is not Query or NonQuery.`,
        {
          details: { field: `scripts[${index}].type`, value: type, allowed: ["Query", "NonQuery"] },
        },
      );
    }
    return { text: script.text, type, parameters: script.parameters };
  });
}
