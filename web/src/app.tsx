// The shell: sign-in until a token is accepted, then the header, navigation and the page
// the URL names.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { batchApi } from "./api/batch-api.js";
import { createHttp } from "./api/http.js";
import { FactoryPicker } from "./components/factory-picker.js";
import { pathOf, routeOf, type Route } from "./logic/routes.js";
import { JobPage } from "./pages/job-page.js";
import { JobsPage } from "./pages/jobs-page.js";
import { PipelinePage } from "./pages/pipeline-page.js";
import { PipelinesPage } from "./pages/pipelines-page.js";
import { PoolsPage } from "./pages/pools-page.js";
import { RunPage } from "./pages/run-page.js";
import { RunsPage } from "./pages/runs-page.js";
import { SignIn } from "./pages/sign-in.js";
import { TaskPage } from "./pages/task-page.js";
import { TriggerPage } from "./pages/trigger-page.js";
import { TriggersPage } from "./pages/triggers-page.js";
import { Link, useLocation } from "./router.js";
import { clearToken, loadFactory, loadToken, saveFactory } from "./session.js";

export function App() {
  const [token, setToken] = useState(loadToken);
  const [expired, setExpired] = useState(false);
  if (token === null) {
    return (
      <SignIn
        expired={expired}
        onSignedIn={(accepted) => {
          setExpired(false);
          setToken(accepted);
        }}
      />
    );
  }
  const signOut = (wasRefused: boolean) => {
    clearToken();
    setExpired(wasRefused);
    setToken(null);
  };
  return <SignedIn token={token} onSignOut={signOut} />;
}

function SignedIn({ token, onSignOut }: { token: string; onSignOut: (refused: boolean) => void }) {
  const http = useMemo(() => createHttp(token, () => onSignOut(true)), [token]);
  const batch = useMemo(() => batchApi(http), [http]);
  const { pathname, search } = useLocation();
  const route = routeOf(pathname, loadFactory());
  const factory = "factory" in route ? route.factory : loadFactory();
  useEffect(() => saveFactory(factory), [factory]);
  const main = useRef<HTMLElement>(null);
  // After a navigation, focus moves to the page (screen readers announce its heading).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [pathname]);

  const nav: { label: string; route: Route; active: boolean }[] = [
    {
      label: "Pipeline runs",
      route: { page: "runs", factory },
      active: route.page === "runs" || route.page === "run",
    },
    {
      label: "Pipelines",
      route: { page: "pipelines", factory },
      active: route.page === "pipelines" || route.page === "pipeline",
    },
    {
      label: "Triggers",
      route: { page: "triggers", factory },
      active: route.page === "triggers" || route.page === "trigger",
    },
    { label: "Pools", route: { page: "pools" }, active: route.page === "pools" },
    {
      label: "Jobs",
      route: { page: "jobs" },
      active: route.page === "jobs" || route.page === "job" || route.page === "task",
    },
  ];
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Sluice</span>
        <nav aria-label="Main">
          <ul>
            {nav.map((item) => (
              <li key={item.label}>
                <Link href={pathOf(item.route)} aria-current={item.active ? "page" : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <FactoryPicker http={http} factory={factory} route={route} />
        <button type="button" class="secondary" onClick={() => onSignOut(false)}>
          Sign out
        </button>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Page route={route} search={search} http={http} batch={batch} />
      </main>
    </>
  );
}

function Page(props: {
  route: Route;
  search: string;
  http: ReturnType<typeof createHttp>;
  batch: ReturnType<typeof batchApi>;
}) {
  const { route, http, batch } = props;
  switch (route.page) {
    case "runs":
      return (
        <RunsPage key={route.factory} http={http} factory={route.factory} search={props.search} />
      );
    case "run":
      return <RunPage key={route.runId} http={http} factory={route.factory} runId={route.runId} />;
    case "triggers":
      return <TriggersPage key={route.factory} http={http} factory={route.factory} />;
    case "trigger":
      return (
        <TriggerPage
          key={`${route.factory}/${route.trigger}`}
          http={http}
          factory={route.factory}
          trigger={route.trigger}
        />
      );
    case "pipelines":
      return <PipelinesPage key={route.factory} http={http} factory={route.factory} />;
    case "pipeline":
      return (
        <PipelinePage
          key={`${route.factory}/${route.pipeline}`}
          http={http}
          factory={route.factory}
          pipeline={route.pipeline}
        />
      );
    case "pools":
      return <PoolsPage batch={batch} />;
    case "jobs":
      return <JobsPage batch={batch} />;
    case "job":
      return <JobPage key={route.jobId} batch={batch} jobId={route.jobId} />;
    case "task":
      return (
        <TaskPage
          key={`${route.jobId}/${route.taskId}`}
          batch={batch}
          jobId={route.jobId}
          taskId={route.taskId}
        />
      );
    case "notFound":
      return (
        <>
          <h1>Page not found</h1>
          <p>
            Nothing at {route.path}.{" "}
            <Link href={pathOf({ page: "runs", factory: loadFactory() })}>Pipeline runs</Link>
          </p>
        </>
      );
  }
}
