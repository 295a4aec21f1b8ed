import { SluiceError } from "../../core/index.js";
import { checkStoragePath, openS3Storage } from "../../storage/index.js";
import type { LinkedStorage } from "./linked-storage.js";
import { prefixFolderStorage } from "./prefix-folders.js";
import type { ResolvedDefinition } from "./resolve-definition.js";
import { checkAuthenticationType, servicePropertiesOf } from "./service-properties.js";

/**
 * ADF's `AmazonS3` and `AmazonS3Compatible` linked services: `accessKeyId`,
 * `secretAccessKey` (and `sessionToken` for TemporarySecurityCredentials), `serviceUrl` for
 * another endpoint than AWS's, `forcePathStyle` (default: true for an endpoint that is an
 * address or localhost, where bucket host names cannot resolve). `bucket` comes from the
 * dataset's `bucketName`.
 */
export function openS3Service(service: ResolvedDefinition, bucket: string): LinkedStorage {
  const props = servicePropertiesOf(service);
  const auth = checkAuthenticationType(service, props.text("authenticationType"), [
    "AccessKey",
    "TemporarySecurityCredentials",
  ]);
  if (bucket === "" || bucket.includes("/")) {
    throw new SluiceError(
      "InvalidArgument",
      `The dataset's location.bucketName ${JSON.stringify(bucket)} is not valid: give one S3 bucket name (linked service '${service.name}').`,
      { details: { field: "location.bucketName", value: bucket } },
    );
  }
  checkStoragePath(bucket, "location.bucketName");
  const serviceUrl = props.text("serviceUrl");
  const accessKeyId = props.secret("accessKeyId");
  const secretAccessKey = props.secret("secretAccessKey");
  const sessionToken =
    auth === "TemporarySecurityCredentials" ? props.secret("sessionToken") : undefined;
  const connector = openS3Storage({
    bucket,
    ...(serviceUrl === undefined ? {} : { serviceUrl, region: regionOf(serviceUrl) }),
    ...(accessKeyId === undefined ? {} : { accessKeyId }),
    ...(secretAccessKey === undefined ? {} : { secretAccessKey }),
    ...(sessionToken === undefined ? {} : { sessionToken }),
    forcePathStyle: props.flag("forcePathStyle") ?? isAddressEndpoint(serviceUrl),
  });
  return prefixFolderStorage(connector, bucket);
}

// AWS endpoints name their region (s3.eu-west-1.amazonaws.com); others take us-east-1,
// which S3-compatible servers accept.
function regionOf(serviceUrl: string): string {
  const host = URL.canParse(serviceUrl) ? new URL(serviceUrl).hostname : "";
  return /s3[.-]([a-z]{2}-[a-z]+-\d)\.amazonaws\.com/u.exec(host)?.[1] ?? "us-east-1";
}

function isAddressEndpoint(serviceUrl: string | undefined): boolean {
  if (serviceUrl === undefined || !URL.canParse(serviceUrl)) return false;
  const host = new URL(serviceUrl).hostname;
  return host === "localhost" || /^[\d.]+$/u.test(host) || host.startsWith("[");
}
