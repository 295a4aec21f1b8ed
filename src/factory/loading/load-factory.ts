import { stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { SluiceError } from "../../core/index.js";
import type { FactoryDefinition } from "../model/resources.js";
import { readArmTemplate } from "./arm-template.js";
import { readFactoryFolder } from "./factory-folder.js";
import { definitionOrThrow, type FactoryLoadResult } from "./load-result.js";

/**
 * Reads a factory from `path`: a folder in ADF's git layout, a folder holding
 * `ARMTemplateForFactory.json` (the publish branch; its `ARMTemplateParametersForFactory.json`
 * is used when present), or an ARM template file (with the parameters file beside it, or
 * `parametersFile`).
 */
export async function readFactory(
  path: string,
  parametersFile?: string,
): Promise<FactoryLoadResult> {
  const info = await stat(path).catch((cause: unknown) => {
    throw new SluiceError("FactoryLoadFailed", `${path} does not exist or cannot be read.`, {
      details: { path },
      cause,
    });
  });
  if (info.isDirectory()) {
    const template = join(path, "ARMTemplateForFactory.json");
    // A publish-branch folder holds the template; a collaboration-branch folder holds pipeline/.
    if (!(await isFile(template)) || (await isFolder(join(path, "pipeline"))))
      return readFactoryFolder(path);
    return readArmTemplate(template, parametersFile ?? (await parametersBeside(template)));
  }
  return readArmTemplate(path, parametersFile ?? (await parametersBeside(path)));
}

/** Loads a factory (see {@link readFactory}); throws `FactoryLoadFailed` listing every load error. */
export async function loadFactory(
  path: string,
  parametersFile?: string,
): Promise<FactoryDefinition> {
  return definitionOrThrow(await readFactory(path, parametersFile), `The factory at ${path}`);
}

async function parametersBeside(template: string): Promise<string | undefined> {
  if (basename(template) !== "ARMTemplateForFactory.json") return undefined;
  const candidate = join(dirname(template), "ARMTemplateParametersForFactory.json");
  return (await isFile(candidate)) ? candidate : undefined;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false; // absent: the caller falls back to the other layout
  }
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false; // absent: not the git layout
  }
}
