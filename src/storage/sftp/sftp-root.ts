// What an SFTP connector knows before ssh2 loads: its root folder and description.

/** The root folder as `/a/b` (`/` for the server's root). */
export function sftpRoot(rootPath: string | undefined): string {
  return `/${(rootPath ?? "/").split("/").filter(Boolean).join("/")}`;
}

/** `SFTP sftp://user@host[:port]/root` (never a password or key). */
export function sftpDescription(options: {
  readonly userName: string;
  readonly host: string;
  readonly port?: number;
  readonly rootPath?: string;
}): string {
  const port = options.port === undefined || options.port === 22 ? "" : `:${options.port}`;
  return `SFTP sftp://${options.userName}@${options.host}${port}${sftpRoot(options.rootPath)}`;
}
