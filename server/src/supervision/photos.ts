// Site photos as the server accepts them (docs/DOMAIN.md § Blocker supervision): JPEG, PNG or WebP by their
// own first bytes, whatever type the upload claims (415 otherwise), at most 1 MB once the browser has
// resized them (413).

import { imageTypeOf, listed, msg, PHOTO_MAX_BYTES, PHOTO_TYPES, type PhotoType } from "@jiati/shared";
import { AppError } from "../core/errors";

export class UnsupportedPhoto extends AppError {
  constructor(message = msg("blocker.photoWrongType", { types: listed(PHOTO_TYPES) })) {
    super(415, "unsupported_media_type", message, { file: message });
  }
}

/** Said when the request is refused (so in its language). */
export const photoTooLargeMessage = () => msg("blocker.photoTooLarge", { mb: PHOTO_MAX_BYTES / 1024 / 1024 });

/** The photo's type read from its bytes, or 415. */
export function acceptedPhoto(data: Uint8Array): PhotoType {
  const type = imageTypeOf(data);
  if (!type) throw new UnsupportedPhoto();
  return type;
}

/** The file name extension of a photo type, for Content-Disposition. */
export function photoExtension(type: string): string {
  return type === "image/png" ? "png" : type === "image/webp" ? "webp" : "jpg";
}
