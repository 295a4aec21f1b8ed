// `sluice secret set|list|delete`: the local stand-in for Azure Key Vault. Linked services'
// `AzureKeyVaultSecret` references read `<data dir>/secrets/<vault>/<secret>`; this command
// writes those files (owner-only), so a factory that keeps its passwords in Key Vault deploys
// unchanged. It works on the data directory itself: no server call, no restart needed.
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SluiceError } from "../core/index.js";
import { isSecretName, isVaultName, secretFile } from "../factory/index.js";
import type { CommandIO } from "./command-io.js";

const help = `Usage: sluice secret <command> [--data-dir DIR]

Secrets for linked services that reference Azure Key Vault ({"type": "AzureKeyVaultSecret",
"store": <an AzureKeyVault linked service>, "secretName": NAME}). VAULT is the vault name in
that linked service's baseUrl (https://VAULT.vault.azure.net/).

Commands:
  set VAULT NAME [--from-file FILE]   Store a secret: the content of FILE, else standard input
                                      (one trailing newline dropped). Replaces an existing one.
  list [VAULT]                        List secret names (never values).
  delete VAULT NAME                   Remove a secret.

Options:
  --data-dir DIR   The server's data directory (default: SLUICE_HOME, else .sluice).`;

/** What the command needs beyond printing: where it runs and standard input. */
export interface SecretIO extends CommandIO {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readStdin?(): Promise<string>;
}

/** `sluice secret ...`: 0 done, 1 failed, 2 usage error. */
export async function runSecret(argv: readonly string[], io: SecretIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      "data-dir": { type: "string" },
      "from-file": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [verb, ...args] = positionals;
  if (values.help || verb === undefined) {
    (verb === undefined && !values.help ? io.err : io.out)(help);
    return values.help ? 0 : 2;
  }
  const env = io.env ?? process.env;
  const root = join(
    resolve(io.cwd ?? process.cwd(), values["data-dir"] ?? (env.SLUICE_HOME || ".sluice")),
    "secrets",
  );
  try {
    if (verb === "set" && args.length === 2) {
      const [vault, name] = checkNames(args[0]!, args[1]!);
      const text = values["from-file"]
        ? await io.readFile(values["from-file"])
        : await readStandardInput(io);
      await mkdir(join(root, vault.toLowerCase()), { recursive: true, mode: 0o700 });
      await writeFile(secretFile(root, vault, name), text.replace(/\r?\n$/, ""), { mode: 0o600 });
      io.out(`Stored secret ${name} of vault ${vault}.`);
      return 0;
    }
    if (verb === "list" && args.length <= 1) {
      io.out((await listSecrets(root, args[0])).join("\n") || "No secrets.");
      return 0;
    }
    if (verb === "delete" && args.length === 2) {
      const [vault, name] = checkNames(args[0]!, args[1]!);
      await rm(secretFile(root, vault, name), { force: true });
      io.out(`Deleted secret ${name} of vault ${vault}.`);
      return 0;
    }
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return error instanceof SluiceError && error.code === "InvalidArgument" ? 2 : 1;
  }
  io.err(help);
  return 2;
}

function checkNames(vault: string, name: string): [string, string] {
  if (!isVaultName(vault)) {
    throw new SluiceError(
      "InvalidArgument",
      `VAULT '${vault}' is not a Key Vault name: 3 to 24 letters, digits and hyphens, starting with a letter.`,
      { details: { field: "VAULT", value: vault } },
    );
  }
  if (!isSecretName(name)) {
    throw new SluiceError(
      "InvalidArgument",
      `NAME '${name}' is not a Key Vault secret name: 1 to 127 letters, digits and hyphens.`,
      { details: { field: "NAME", value: name } },
    );
  }
  return [vault, name];
}

async function readStandardInput(io: SecretIO): Promise<string> {
  if (io.readStdin) return io.readStdin();
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** `vault/name` lines, sorted; one vault's when given. */
async function listSecrets(root: string, onlyVault: string | undefined): Promise<string[]> {
  const vaults = onlyVault === undefined ? await names(root) : [onlyVault.toLowerCase()];
  const lines: string[] = [];
  for (const vault of vaults.sort()) {
    for (const name of (await names(join(root, vault))).sort()) lines.push(`${vault}/${name}`);
  }
  return lines;
}

async function names(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
