// The UI's pages and their paths under /ui/ (the server answers index.html for each). Pure.

export type Route =
  | { readonly page: "runs"; readonly factory: string }
  | { readonly page: "run"; readonly factory: string; readonly runId: string }
  | { readonly page: "triggers"; readonly factory: string }
  | { readonly page: "trigger"; readonly factory: string; readonly trigger: string }
  | { readonly page: "pipelines"; readonly factory: string }
  | { readonly page: "pipeline"; readonly factory: string; readonly pipeline: string }
  | { readonly page: "pools" }
  | { readonly page: "jobs" }
  | { readonly page: "job"; readonly jobId: string }
  | { readonly page: "task"; readonly jobId: string; readonly taskId: string }
  | { readonly page: "notFound"; readonly path: string };

export const basePath = "/ui";

const seg = (value: string) => encodeURIComponent(value);

/** The path of a page. */
export function pathOf(route: Route): string {
  switch (route.page) {
    case "runs":
      return `${basePath}/f/${seg(route.factory)}/runs`;
    case "run":
      return `${basePath}/f/${seg(route.factory)}/runs/${seg(route.runId)}`;
    case "triggers":
      return `${basePath}/f/${seg(route.factory)}/triggers`;
    case "trigger":
      return `${basePath}/f/${seg(route.factory)}/triggers/${seg(route.trigger)}`;
    case "pipelines":
      return `${basePath}/f/${seg(route.factory)}/pipelines`;
    case "pipeline":
      return `${basePath}/f/${seg(route.factory)}/pipelines/${seg(route.pipeline)}`;
    case "pools":
      return `${basePath}/pools`;
    case "jobs":
      return `${basePath}/jobs`;
    case "job":
      return `${basePath}/jobs/${seg(route.jobId)}`;
    case "task":
      return `${basePath}/jobs/${seg(route.jobId)}/tasks/${seg(route.taskId)}`;
    case "notFound":
      return route.path;
  }
}

/** The page at `pathname`; `/ui/` is the runs of `defaultFactory`. */
export function routeOf(pathname: string, defaultFactory: string): Route {
  const rest = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
  let parts: string[];
  try {
    parts = rest.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return { page: "notFound", path: pathname }; // a malformed escape names no page
  }
  const [first, second, third, fourth, fifth] = parts;
  if (parts.length === 0) return { page: "runs", factory: defaultFactory };
  if (first === "f" && second !== undefined) {
    if (parts.length === 3 && third === "runs") return { page: "runs", factory: second };
    if (parts.length === 4 && third === "runs" && fourth !== undefined) {
      return { page: "run", factory: second, runId: fourth };
    }
    if (parts.length === 3 && third === "triggers") return { page: "triggers", factory: second };
    if (parts.length === 4 && third === "triggers" && fourth !== undefined) {
      return { page: "trigger", factory: second, trigger: fourth };
    }
    if (parts.length === 3 && third === "pipelines") return { page: "pipelines", factory: second };
    if (parts.length === 4 && third === "pipelines" && fourth !== undefined) {
      return { page: "pipeline", factory: second, pipeline: fourth };
    }
  }
  if (first === "pools" && parts.length === 1) return { page: "pools" };
  if (first === "jobs" && parts.length === 1) return { page: "jobs" };
  if (first === "jobs" && second !== undefined && parts.length === 2) {
    return { page: "job", jobId: second };
  }
  if (first === "jobs" && second !== undefined && third === "tasks" && fourth !== undefined) {
    if (parts.length === 4 && fifth === undefined) {
      return { page: "task", jobId: second, taskId: fourth };
    }
  }
  return { page: "notFound", path: pathname };
}
