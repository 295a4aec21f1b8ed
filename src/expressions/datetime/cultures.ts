/**
 * The .NET culture data that date formatting needs, for the cultures Sluice supports:
 * en-US (ADF's default: its documented `'D'` results, "Tuesday, January 2, 2018", are
 * en-US's long date) and the invariant culture. Patterns are Windows' (NLS) data, which
 * ADF's servers use: a plain space before AM/PM.
 */
export interface CultureData {
  /** The culture's name as .NET spells it (`""` for the invariant culture). */
  readonly name: string;
  readonly shortDate: string;
  readonly longDate: string;
  readonly shortTime: string;
  readonly longTime: string;
  readonly fullDateTime: string;
  readonly monthDay: string;
  readonly yearMonth: string;
  readonly am: string;
  readonly pm: string;
  readonly era: string;
  readonly monthNames: readonly string[];
  readonly abbreviatedMonthNames: readonly string[];
  readonly dayNames: readonly string[];
  readonly abbreviatedDayNames: readonly string[];
}

const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const englishNames = {
  am: "AM",
  pm: "PM",
  era: "A.D.",
  monthNames,
  abbreviatedMonthNames: monthNames.map((name) => name.slice(0, 3)),
  dayNames,
  abbreviatedDayNames: dayNames.map((name) => name.slice(0, 3)),
};

export const invariantCulture: CultureData = {
  name: "",
  shortDate: "MM/dd/yyyy",
  longDate: "dddd, dd MMMM yyyy",
  shortTime: "HH:mm",
  longTime: "HH:mm:ss",
  fullDateTime: "dddd, dd MMMM yyyy HH:mm:ss",
  monthDay: "MMMM dd",
  yearMonth: "yyyy MMMM",
  ...englishNames,
};

export const enUsCulture: CultureData = {
  name: "en-US",
  shortDate: "M/d/yyyy",
  longDate: "dddd, MMMM d, yyyy",
  shortTime: "h:mm tt",
  longTime: "h:mm:ss tt",
  fullDateTime: "dddd, MMMM d, yyyy h:mm:ss tt",
  monthDay: "MMMM d",
  yearMonth: "MMMM yyyy",
  ...englishNames,
};

/** The names `findCulture` accepts, for messages. */
export const supportedCultureNames: readonly string[] = ["en-US", "en", "" /* invariant */, "iv"];

/**
 * The culture named `name` (case-insensitive; `_` may replace `-`), or undefined when
 * Sluice has no data for it. `""` and `iv` are .NET's names for the invariant culture.
 */
export function findCulture(name: string): CultureData | undefined {
  const key = name.trim().toLowerCase().replace("_", "-");
  if (key === "en-us" || key === "en") return enUsCulture;
  if (key === "" || key === "iv" || key === "invariant") return invariantCulture;
  return undefined;
}
