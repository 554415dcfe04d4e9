// Photos taken on the phone are made small before they are sent: drawn on a canvas with their longer side at
// most 1600 px and encoded as JPEG, lowering the quality until the file is under the server's 1 MB
// (docs/DOMAIN.md § Blocker supervision). Re-encoding also drops the camera's EXIF data, location included.

import { fitWithin, PHOTO_MAX_BYTES, PHOTO_MAX_SIDE } from "@jiati/shared/blockers";

const QUALITIES = [0.85, 0.72, 0.6, 0.45];

export class PhotoUnreadable extends Error {}

async function decode(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    throw new PhotoUnreadable("not an image this browser can read");
  }
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new PhotoUnreadable("no JPEG"))), "image/jpeg", quality),
  );
}

/** The photo as a JPEG whose longer side is at most `maxSide` px and whose size is at most `maxBytes`. */
export async function resizePhoto(file: Blob, maxSide = PHOTO_MAX_SIDE, maxBytes = PHOTO_MAX_BYTES): Promise<Blob> {
  const bitmap = await decode(file);
  const size = fitWithin(bitmap.width, bitmap.height, maxSide);
  const canvas = document.createElement("canvas");
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext("2d");
  if (!context) throw new PhotoUnreadable("no canvas");
  // JPEG has no transparency: a white ground under PNGs with an alpha channel.
  context.fillStyle = "#fff";
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  let blob: Blob | null = null;
  for (const quality of QUALITIES) {
    blob = await toJpeg(canvas, quality);
    if (blob.size <= maxBytes) return blob;
  }
  return blob as Blob;
}
