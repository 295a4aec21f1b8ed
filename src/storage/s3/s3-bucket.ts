// What an S3 connector knows before its SDK loads: the bucket check and its description.
import { SluiceError } from "../../core/index.js";

/** Refuses a bucket name that is empty or holds a `/`. */
export function checkBucketName(bucket: string): void {
  if (bucket.trim() === "" || bucket.includes("/")) {
    throw new SluiceError(
      "InvalidArgument",
      `bucketName ${JSON.stringify(bucket)} is not valid: give one bucket name, without '/'.`,
      { details: { field: "bucketName", value: bucket } },
    );
  }
}

/** `S3 bucket 'b' at http://host:port` (never a key). */
export function s3Description(bucket: string, serviceUrl: string | undefined): string {
  const endpoint = serviceUrl?.replace(/\/+$/u, "");
  return `S3 bucket '${bucket}'${endpoint === undefined ? "" : ` at ${endpoint}`}`;
}
