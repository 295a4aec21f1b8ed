/** How a delimited file's fields are separated, quoted and escaped. */
export interface RecordSyntax {
  readonly columnDelimiter: string;
  /** `""`: no quoting. */
  readonly quoteChar: string;
  /** `""`: no escaping. Equal to `quoteChar`: a doubled quote inside quotes is one quote. */
  readonly escapeChar: string;
}

/**
 * The fields of the first record of `text`, or undefined when `text` ends inside it and
 * more may follow (`atEnd` false). A record ends at an unquoted `\n` or `\r`. Sluice reads
 * the first record itself because DuckDB's sniffer may skip leading rows it finds
 * inconsistent, where ADF takes the first row as the header and its width as the file's.
 */
export function firstRecord(
  text: string,
  syntax: RecordSyntax,
  atEnd: boolean,
): string[] | undefined {
  const { columnDelimiter: delimiter, quoteChar: quote, escapeChar: escape } = syntax;
  const fields: string[] = [];
  let current = "";
  let inQuotes = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? "";
    if (inQuotes) {
      if (escape !== "" && char === escape && escape !== quote && i + 1 < text.length) {
        current += text[i + 1] ?? "";
        i += 2;
      } else if (char === quote) {
        if (escape === quote && text[i + 1] === quote) {
          current += quote;
          i += 2;
        } else {
          inQuotes = false;
          i++;
        }
      } else {
        current += char;
        i++;
      }
    } else if (text.startsWith(delimiter, i)) {
      fields.push(current);
      current = "";
      i += delimiter.length;
    } else if (char === "\n" || char === "\r") {
      fields.push(current);
      return fields;
    } else if (quote !== "" && char === quote && current === "") {
      inQuotes = true;
      i++;
    } else if (escape !== "" && escape !== quote && char === escape && i + 1 < text.length) {
      current += text[i + 1] ?? "";
      i += 2;
    } else {
      current += char;
      i++;
    }
  }
  if (!atEnd) return undefined;
  if (fields.length === 0 && current === "") return [];
  fields.push(current);
  return fields;
}

/**
 * Column names as ADF gives them: the header's names (an empty one becomes `Prop_<i>`, and
 * a repeated one gets `_2`, `_3`... so every column can be addressed), or `Prop_0`,
 * `Prop_1`... without a header.
 */
export function columnNames(record: readonly string[], header: boolean): string[] {
  const seen = new Set<string>();
  return record.map((field, index) => {
    const base = header && field.trim() !== "" ? field : `Prop_${index}`;
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}
