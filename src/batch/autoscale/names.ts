// What a name in a formula stands for: a service-defined variable, a user variable, or a
// constant (TimeInterval_*, and the deallocation options as bare words).
import { serviceVariable, userVariableKey, type ServiceVariable } from "./variables.js";
import {
  deallocationOptions,
  text,
  timeIntervalConstants,
  timeinterval,
  type Value,
} from "./values.js";

export type NameRef =
  | { readonly kind: "service"; readonly variable: ServiceVariable }
  | { readonly kind: "user"; readonly key: string }
  | { readonly kind: "constant"; readonly value: Value }
  | { readonly kind: "unknown" };

/** Resolves `name` given whether a user variable of that name has been assigned yet. */
export function resolveName(name: string, isAssigned: (key: string) => boolean): NameRef {
  const variable = serviceVariable(name);
  if (variable !== undefined) return { kind: "service", variable };
  const key = userVariableKey(name);
  if (isAssigned(key)) return { kind: "user", key };
  const interval = timeIntervalConstants[name];
  if (interval !== undefined) return { kind: "constant", value: timeinterval(interval) };
  if (deallocationOptions.includes(name)) return { kind: "constant", value: text(name) };
  return { kind: "unknown" };
}

/** The message for a name that is neither defined by Batch nor assigned before it is read. */
export function unknownNameProblem(name: string): string {
  return name.startsWith("$")
    ? `the variable '${name}' is not a service-defined variable and has not been assigned before this statement`
    : `the variable '${name}' has not been assigned before this statement`;
}
