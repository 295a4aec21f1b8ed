// `npm run docs:cli`: rewrites the generated part of docs/cli.md from each command's --help.
import { writeFile } from "node:fs/promises";
import { cliReferenceFile, helpPages, renderReference, withReference } from "./cli-reference.js";

await writeFile(cliReferenceFile, await withReference(renderReference(await helpPages())));
console.log(`wrote ${cliReferenceFile.pathname}`);
