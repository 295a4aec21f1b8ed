// `sluice app ...`: application packages (zips by version that pools and tasks reference).
import { readFile } from "node:fs/promises";
import type { BatchIO } from "./batch-io.js";
import { usageError } from "./flags.js";
import { runNoun, type Subcommand } from "./run-command.js";
import { cell, renderDetails, renderTable, toJson } from "./table.js";

const help = `Usage: sluice app <command> [options]

Commands:
  upload ID VERSION ZIP           Upload a zip as VERSION of application ID (created on first
                                  upload). Tasks find it unpacked in
                                  $AZ_BATCH_APP_PACKAGE_<id>_<version>.
  list [--json]                   List applications and their versions.
  show ID [--json]                Show an application's settings and packages.
  set ID [--default-version V] [--display-name NAME] [--allow-updates true|false]
                                  Change an application's settings.
  delete ID [VERSION]             Delete one version, or the application with all versions.

Connection (every command): --server URL (or SLUICE_URL, default http://127.0.0.1:7070);
the token from SLUICE_TOKEN or <data dir>/token (--data-dir, SLUICE_HOME, default .sluice).`;

const verbs: Record<string, Subcommand> = {
  upload: {
    args: ["ID", "VERSION", "ZIP"],
    async run(ctx) {
      const [id, version, file] = ctx.args as [string, string, string];
      const zip = await readFile(file);
      const info = await (await ctx.client()).uploadApplicationPackage(id, version, zip);
      ctx.io.out(`Uploaded ${id} ${version} (${info.size} bytes, sha256 ${info.sha256}).`);
      return 0;
    },
  },
  list: {
    read: true,
    async run(ctx) {
      const apps = await (await ctx.client()).listApplications();
      if (ctx.json) ctx.io.out(toJson(apps));
      else if (!apps.length) ctx.io.out("No applications.");
      else {
        const rows = apps.map((app) => [app.id, app.displayName, cell(app.versions.join(", "))]);
        ctx.io.out(renderTable(["ID", "NAME", "VERSIONS"], rows));
      }
      return 0;
    },
  },
  show: {
    args: ["ID"],
    read: true,
    async run(ctx) {
      const app = await (await ctx.client()).getApplication(ctx.args[0]!);
      ctx.io.out(ctx.json ? toJson(app) : renderDetails(app));
      return 0;
    },
  },
  set: {
    args: ["ID"],
    options: {
      "default-version": { type: "string" },
      "display-name": { type: "string" },
      "allow-updates": { type: "string" },
    },
    async run(ctx) {
      const allow = ctx.string("allow-updates");
      if (allow !== undefined && allow !== "true" && allow !== "false") {
        throw usageError("allow-updates", `--allow-updates must be true or false, not '${allow}'.`);
      }
      const version = ctx.string("default-version");
      const name = ctx.string("display-name");
      await (
        await ctx.client()
      ).patchApplication(ctx.args[0]!, {
        ...(version === undefined ? {} : { defaultVersion: version }),
        ...(name === undefined ? {} : { displayName: name }),
        ...(allow === undefined ? {} : { allowUpdates: allow === "true" }),
      });
      ctx.io.out(`Updated application ${ctx.args[0]!}.`);
      return 0;
    },
  },
  delete: {
    args: ["ID", "VERSION?"],
    async run(ctx) {
      const [id, version] = ctx.args as [string, string | undefined];
      await (await ctx.client()).deleteApplication(id, version);
      ctx.io.out(
        version === undefined ? `Deleted application ${id}.` : `Deleted ${id} ${version}.`,
      );
      return 0;
    },
  },
};

/** `sluice app <command>`: 0 done, 1 API error, 2 usage error. */
export function runApp(argv: readonly string[], io: BatchIO): Promise<number> {
  return runNoun("app", help, verbs, argv, io);
}
