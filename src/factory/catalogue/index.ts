// ADF's type catalogue: every activity, linked service, dataset and trigger type, whether
// Sluice runs it now, and the properties each needs.
export {
  catalogue,
  lookupType,
  suggestType,
  type CatalogueEntry,
  type CatalogueKind,
  type TypeInfo,
} from "./catalogue.js";
export {
  adfActivityTypes,
  adfDatasetTypes,
  adfLinkedServiceTypes,
  adfTriggerTypes,
} from "./adf-types.js";
export { activityTypesSluiceDoesNotRun } from "./sluice-support.js";
export {
  nestedActivityProperties,
  requiredActivityProperties,
  requiredTriggerProperties,
} from "./required-properties.js";
