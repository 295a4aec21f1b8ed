import { activityPageCases } from "./cases/activity-pages.js";
import { collectionCases } from "./cases/collection.js";
import { conversionCases } from "./cases/conversion.js";
import { dateCases } from "./cases/date.js";
import { errorCases } from "./cases/errors.js";
import { logicalCases } from "./cases/logical.js";
import { mathCases } from "./cases/math.js";
import { stringCases } from "./cases/string.js";
import { syntaxCases } from "./cases/syntax.js";
import { systemVariableCases } from "./cases/system-variables.js";
import type { GoldenCase } from "./golden-case.js";

export type { GoldenCase } from "./golden-case.js";

/**
 * The golden table: ADF expressions with the results Microsoft's documentation gives for them.
 * Each row cites its page and section in `source`; rows whose expected value differs from the
 * doc's literal text (typos, self-contradictions) say why in `note`.
 */
export const expressionCases: readonly GoldenCase[] = [
  ...syntaxCases,
  ...stringCases,
  ...collectionCases,
  ...logicalCases,
  ...conversionCases,
  ...mathCases,
  ...dateCases,
  ...systemVariableCases,
  ...activityPageCases,
  ...errorCases,
];
