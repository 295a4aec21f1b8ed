import {
  adfActivityTypes,
  adfDatasetTypes,
  adfLinkedServiceTypes,
  adfTriggerTypes,
} from "./adf-types.js";
import {
  activityTypesSluiceDoesNotRun,
  datasetTypesNotYet,
  datasetTypesSluiceUses,
  linkedServiceTypesNotYet,
  linkedServiceTypesSluiceUses,
  triggerTypesSluiceUses,
} from "./sluice-support.js";

/** The kinds of typed resources the catalogue knows. */
export type CatalogueKind = "activity" | "linkedService" | "dataset" | "trigger";

/** What the catalogue says about one `type` value. */
export interface TypeInfo {
  readonly kind: CatalogueKind;
  readonly type: string;
  /** True when the type is in ADF's schema. */
  readonly adf: boolean;
  /** True when Sluice runs (or connects to) it now. */
  readonly runs: boolean;
  /** Why Sluice does not run it; set when `adf` is true and `runs` false. */
  readonly why?: string;
}

/** One entry of the catalogue listing. */
export type CatalogueEntry = TypeInfo & { readonly adf: true };

const adfTypes: Record<CatalogueKind, ReadonlySet<string>> = {
  activity: new Set(adfActivityTypes),
  linkedService: new Set(adfLinkedServiceTypes),
  dataset: new Set(adfDatasetTypes),
  trigger: new Set(adfTriggerTypes),
};

const notYet = "not yet: it comes with the data movement work, issue 8";

function whyNotRun(kind: CatalogueKind, type: string): string | undefined {
  switch (kind) {
    case "activity":
      return activityTypesSluiceDoesNotRun[type];
    case "linkedService":
      if (linkedServiceTypesSluiceUses.includes(type)) return undefined;
      return linkedServiceTypesNotYet.includes(type)
        ? notYet
        : "Sluice has no connector for it, so activities that use it cannot run";
    case "dataset":
      if (datasetTypesSluiceUses.includes(type)) return undefined;
      return datasetTypesNotYet.includes(type)
        ? notYet
        : "Sluice has no connector for it, so activities that use it cannot run";
    case "trigger":
      return triggerTypesSluiceUses.includes(type)
        ? undefined
        : "the scheduler has no engine for this trigger type";
  }
}

/** Looks up a `type` value of the given kind. Matching is exact, as in ADF. */
export function lookupType(kind: CatalogueKind, type: string): TypeInfo {
  if (!adfTypes[kind].has(type)) return { kind, type, adf: false, runs: false };
  const why = whyNotRun(kind, type);
  return why === undefined
    ? { kind, type, adf: true, runs: true }
    : { kind, type, adf: true, runs: false, why };
}

/** ADF's spelling of `type` when it differs only in letter case (for "did you mean"). */
export function suggestType(kind: CatalogueKind, type: string): string | undefined {
  const lower = type.toLowerCase();
  for (const known of adfTypes[kind]) if (known.toLowerCase() === lower) return known;
  return undefined;
}

/** Every ADF type of `kind`, sorted, each marked with whether Sluice runs it now. */
export function catalogue(kind: CatalogueKind): readonly CatalogueEntry[] {
  return [...adfTypes[kind]].sort().map((type) => lookupType(kind, type) as CatalogueEntry);
}
