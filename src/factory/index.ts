// The public face of src/factory: ADF factory resources, loading and validation, and the
// pipeline engine (built by the pipelines issue).
export type * from "./model/pipeline.js";
export type * from "./model/resources.js";
