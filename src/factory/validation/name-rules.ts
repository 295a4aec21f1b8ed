/**
 * ADF's naming rules. Resource names follow the REST API's pattern (`^[A-Za-z0-9_][^<>*#.%&:\\+?/]*$`,
 * 1 to 260 characters, from the 2018-06-01 API spec); pipeline names are at most 140
 * characters and activity names at most 55, must start with a letter, number or underscore
 * and may not contain `. + ? / < > * % & : \` (concepts-pipelines-activities.md).
 */

const resourcePattern = /^[A-Za-z0-9_][^<>*#.%&:\\+?/]*$/;
const activityForbidden = /[.+?/<>*%&:\\]/;

/** Why `name` breaks the rules for a resource of this kind, or undefined. */
export function resourceNameProblem(
  name: string,
  kind: string,
  maxLength = 260,
): string | undefined {
  if (name.length === 0) return `a ${kind} name cannot be empty`;
  if (name.length > maxLength)
    return `the ${kind} name '${name}' has ${name.length} characters; ADF allows at most ${maxLength}`;
  if (!resourcePattern.test(name)) {
    return `the ${kind} name '${name}' is not allowed: it must start with a letter, digit or underscore and may not contain . + ? / < > * # % & : \\`;
  }
  return undefined;
}

/** Why `name` breaks ADF's rules for activity names, or undefined. */
export function activityNameProblem(name: string): string | undefined {
  if (name.length === 0) return "an activity name cannot be empty";
  if (name.length > 55)
    return `the activity name '${name}' has ${name.length} characters; ADF allows at most 55`;
  if (!/^[A-Za-z0-9_]/.test(name))
    return `the activity name '${name}' must start with a letter, digit or underscore`;
  const bad = activityForbidden.exec(name);
  if (bad)
    return `the activity name '${name}' contains '${bad[0]}'; ADF does not allow . + ? / < > * % & : \\ in activity names`;
  return undefined;
}
