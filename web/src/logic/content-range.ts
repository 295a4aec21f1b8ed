// Batch's answer to a ranged file read: where the next read of a growing file starts.

/** What a `Content-Range` header says: the bytes sent and the file's size. */
export interface ContentRange {
  /** First byte sent; undefined when none were (an empty range, star for the bytes). */
  readonly start?: number;
  readonly end?: number;
  readonly size: number;
}

/** Parses `bytes a-b/size`, or a star and the size for an empty range; else undefined. */
export function parseContentRange(header: string | null): ContentRange | undefined {
  if (header === null) return undefined;
  const sent = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header.trim());
  if (sent) return { start: Number(sent[1]), end: Number(sent[2]), size: Number(sent[3]) };
  const none = /^bytes \*\/(\d+)$/.exec(header.trim());
  return none ? { size: Number(none[1]) } : undefined;
}

/** The offset to ask next after reading `received` bytes from `offset`. */
export function nextOffset(offset: number, received: number, range: ContentRange | undefined) {
  if (range?.end !== undefined) return range.end + 1;
  return offset + received;
}
