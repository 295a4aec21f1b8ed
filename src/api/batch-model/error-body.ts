/** Batch's error body: `{ code, message: { lang, value }, values: [{ key, value }] }`. */
export interface BatchErrorBody {
  readonly code: string;
  readonly message: { readonly lang: "en-US"; readonly value: string };
  readonly values?: readonly { readonly key: string; readonly value: string }[];
}
