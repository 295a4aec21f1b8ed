// A factory's pipelines: name, folder, activities and parameters; each opens its definition.
import { useMemo } from "preact/hooks";
import { factoryApi } from "../api/factory-api.js";
import type { Http } from "../api/http.js";
import { ErrorNotice, Loading } from "../components/notice.js";
import { pipelineFacts } from "../logic/pipeline-facts.js";
import { pathOf } from "../logic/routes.js";
import { filtersToQuery } from "../logic/run-filters.js";
import { Link } from "../router.js";
import { usePoll } from "../use-poll.js";

const refreshMs = 10_000;

export function PipelinesPage({ http, factory }: { http: Http; factory: string }) {
  const api = useMemo(() => factoryApi(http, factory), [http, factory]);
  const pipelines = usePoll(() => api.listPipelines(), [api], refreshMs);
  const list = [...(pipelines.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <h1>Pipelines</h1>
      <p class="muted">Factory {factory}</p>
      <ErrorNotice error={pipelines.error} />
      {pipelines.data === undefined && pipelines.loading && <Loading what="pipelines" />}
      {pipelines.data?.length === 0 && <p class="empty">This factory has no pipelines.</p>}
      {list.length > 0 && (
        <div class="table-wrap">
          <table aria-label="Pipelines">
            <thead>
              <tr>
                <th scope="col">Pipeline</th>
                <th scope="col">Folder</th>
                <th scope="col">Activities</th>
                <th scope="col">Parameters</th>
                <th scope="col">
                  <span class="visually-hidden">Runs</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((pipeline) => {
                const facts = pipelineFacts(pipeline.properties);
                const runs = filtersToQuery({ status: "", pipeline: pipeline.name, range: "all" });
                return (
                  <tr key={pipeline.name} data-pipeline={pipeline.name}>
                    <td>
                      <Link href={pathOf({ page: "pipeline", factory, pipeline: pipeline.name })}>
                        {pipeline.name}
                      </Link>
                      {facts.description !== "" && (
                        <div class="muted small">{facts.description}</div>
                      )}
                    </td>
                    <td>{facts.folder || "–"}</td>
                    <td>{facts.activities}</td>
                    <td>{facts.parameters.join(", ") || "–"}</td>
                    <td>
                      <Link
                        href={`${pathOf({ page: "runs", factory })}${runs}`}
                        aria-label={`Runs of ${pipeline.name}`}
                      >
                        Runs
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
