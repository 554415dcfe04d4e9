// A response body serialised once, for a cache: route() sends it as it is, with its ETag.

import { createHash } from "node:crypto";

/**
 * A response body serialised once (for a cache) with its ETag: sending it costs no serialisation and no
 * hashing, and a client holding the same version gets 304.
 */
export class JsonText {
  readonly etag: string;
  constructor(readonly text: string) {
    this.etag = `W/"${createHash("sha1").update(text).digest("base64url")}"`;
  }
}
