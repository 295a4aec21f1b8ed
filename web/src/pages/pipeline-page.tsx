// One pipeline's definition: its activity graph (the run page's, without statuses), the
// chosen activity's JSON, and the whole resource as read-only formatted JSON.
import { useMemo, useState } from "preact/hooks";
import { factoryApi } from "../api/factory-api.js";
import type { Http } from "../api/http.js";
import { ActivityGraph } from "../components/activity-graph.js";
import { JsonView } from "../components/json-view.js";
import { ErrorNotice, Loading } from "../components/notice.js";
import { activityNamed, pipelineFacts } from "../logic/pipeline-facts.js";
import { pathOf } from "../logic/routes.js";
import { filtersToQuery } from "../logic/run-filters.js";
import { Link } from "../router.js";
import { usePoll } from "../use-poll.js";

const noStatuses: ReadonlyMap<string, string> = new Map();

export function PipelinePage(props: { http: Http; factory: string; pipeline: string }) {
  const { factory, pipeline: name } = props;
  const api = useMemo(() => factoryApi(props.http, factory), [props.http, factory]);
  const pipeline = usePoll(() => api.getPipeline(name), [api, name], null);
  const [selected, setSelected] = useState<string | undefined>();
  const crumbs = (
    <p class="crumbs">
      <Link href={pathOf({ page: "pipelines", factory })}>Pipelines</Link> / {name}
    </p>
  );
  if (pipeline.data === undefined) {
    return (
      <>
        {crumbs}
        <h1>Pipeline {name}</h1>
        <ErrorNotice error={pipeline.error} />
        {pipeline.error === undefined && <Loading what="the pipeline" />}
      </>
    );
  }
  const facts = pipelineFacts(pipeline.data.properties);
  const activity =
    selected === undefined
      ? undefined
      : activityNamed(pipeline.data.properties.activities, selected);
  const runs = filtersToQuery({ status: "", pipeline: name, range: "all" });
  return (
    <>
      {crumbs}
      <h1>Pipeline {name}</h1>
      {facts.description !== "" && <p>{facts.description}</p>}
      <p>
        <Link href={`${pathOf({ page: "runs", factory })}${runs}`}>Runs of {name}</Link>
      </p>
      <h2>Activities</h2>
      <ActivityGraph
        pipeline={pipeline.data}
        statuses={noStatuses}
        showStatus={false}
        onSelect={setSelected}
      />
      {activity !== undefined && selected !== undefined && (
        <JsonView label={`Activity ${selected}`} value={activity} testId="activity-definition" />
      )}
      <JsonView label="Definition" value={pipeline.data} testId="pipeline-definition" />
    </>
  );
}
