// The public face of src/factory: ADF factory resources, loading and validation, and the
// pipeline engine (built by the pipelines issue).
export type * from "./model/pipeline.js";
export type * from "./model/resources.js";
export * from "./engine/index.js";
export * from "./catalogue/index.js";
export { readFactoryFolder, loadFactoryFolder } from "./loading/factory-folder.js";
export { readArmTemplate, loadArmTemplate } from "./loading/arm-template.js";
export { readFactory, loadFactory } from "./loading/load-factory.js";
export type { FactoryLoadResult } from "./loading/load-result.js";
export * from "./validation/index.js";
