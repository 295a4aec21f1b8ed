import { readFileSync } from "node:fs";
import { SluiceError } from "../../core/index.js";
import { openSftpStorage } from "../../storage/index.js";
import type { LinkedStorage } from "./linked-storage.js";
import { prefixFolderStorage } from "./prefix-folders.js";
import type { ResolvedDefinition } from "./resolve-definition.js";
import { checkAuthenticationType, servicePropertiesOf } from "./service-properties.js";

/**
 * ADF's `Sftp` linked service: `host`, `port` (default 22), `userName`, and `password`
 * (`authenticationType` Basic) or a private key (`SshPublicKey`: `privateKeyContent`, Base64
 * or PEM text, or `privateKeyPath` on this machine, with `passPhrase`); the host key is
 * checked against `hostKeyFingerprint` unless `skipHostKeyValidation` is true. Paths of
 * `SftpLocation` start at the server's `/`.
 */
export function openSftpService(service: ResolvedDefinition): LinkedStorage {
  const props = servicePropertiesOf(service);
  const auth = checkAuthenticationType(service, props.text("authenticationType"), [
    "Basic",
    "SshPublicKey",
  ]);
  const userName = props.requiredText("userName", "the user to log in as");
  const common = {
    host: props.requiredText("host", "the SFTP server's host name or address"),
    port: props.integer("port") ?? 22,
    userName,
    skipHostKeyValidation: props.flag("skipHostKeyValidation") ?? false,
  };
  const fingerprint = props.text("hostKeyFingerprint");
  const withHost =
    fingerprint === undefined ? common : { ...common, hostKeyFingerprint: fingerprint };
  if (auth === "Basic") {
    const password = props.secret("password");
    if (password === undefined) throw missing(service, "password", "the password of userName");
    return prefixFolderStorage(openSftpStorage({ ...withHost, password }), "");
  }
  const passphrase = props.secret("passPhrase");
  const connector = openSftpStorage({
    ...withHost,
    privateKey: privateKeyOf(
      service,
      props.secret("privateKeyContent"),
      props.text("privateKeyPath"),
    ),
    ...(passphrase === undefined ? {} : { passphrase }),
  });
  return prefixFolderStorage(connector, "");
}

function privateKeyOf(
  service: ResolvedDefinition,
  content: string | undefined,
  path: string | undefined,
): string {
  if (content !== undefined) {
    const trimmed = content.trim();
    // ADF asks for Base64; a key pasted as PEM/OpenSSH text is taken as it is.
    return trimmed.startsWith("-----BEGIN")
      ? trimmed
      : Buffer.from(trimmed, "base64").toString("utf8");
  }
  if (path !== undefined) {
    try {
      return readFileSync(path, "utf8");
    } catch (error) {
      throw new SluiceError(
        "InvalidArgument",
        `Linked service '${service.name}' typeProperties.privateKeyPath '${path}' cannot be read on this machine.`,
        { details: { field: "typeProperties.privateKeyPath", value: path }, cause: error },
      );
    }
  }
  throw missing(service, "privateKeyContent", "the Base64 private key (or privateKeyPath)");
}

function missing(service: ResolvedDefinition, name: string, what: string): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `Linked service '${service.name}' (Sftp) needs typeProperties.${name}: ${what}.`,
    { details: { field: `typeProperties.${name}` } },
  );
}
