// Factory validation: every problem of a factory definition at once.
export { validateFactory } from "./validate-factory.js";
export {
  problemCodes,
  sortProblems,
  type FactoryProblem,
  type ProblemCode,
} from "./factory-problem.js";
