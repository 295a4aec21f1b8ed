// Zips for tests (application packages), made with yazl.
import { Buffer } from "node:buffer";
import { ZipFile } from "yazl";

/** A zip holding `files`: name -> text, or text with a Unix mode (0o100755 for an executable). */
export async function zipOf(
  files: Record<string, string | { text: string; mode: number }>,
): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, file] of Object.entries(files)) {
    const { text, mode } = typeof file === "string" ? { text: file, mode: undefined } : file;
    zip.addBuffer(Buffer.from(text), name, mode === undefined ? {} : { mode });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
