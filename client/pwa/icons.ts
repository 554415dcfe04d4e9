// The app's icons for the home screen (192 and 512 px PNG), drawn at build time in the favicon's design — a
// lift car with up and down arrows, white on the theme's blue — so no binary image lives in the repository.

import { crc32, deflateSync } from "node:zlib";

/** The favicon's blue, also index.html's theme-color. */
export const THEME_COLOR = "#1677ff";

type Rgba = [number, number, number, number];

const BLUE: Rgba = [0x16, 0x77, 0xff, 0xff];
const WHITE: Rgba = [0xff, 0xff, 0xff, 0xff];
const CLEAR: Rgba = [0, 0, 0, 0];

/**
 * The icon at `size` px, in the favicon's 32-unit grid: a rounded square (corners transparent, so launchers
 * that do not mask show it rounded), the car's outline, and the two arrows.
 */
export function iconPng(size: number): Buffer {
  const unit = size / 32;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const color = colorAt((x + 0.5) / unit, (y + 0.5) / unit);
      pixels.set(color, (y * size + x) * 4);
    }
  }
  return encodePng(size, size, pixels);
}

/** The colour at a point of the 32×32 design. */
function colorAt(u: number, v: number): Rgba {
  if (!insideRounded(u, v, 0, 0, 32, 32, 6)) return CLEAR;
  const stroke = 1;
  // The car: a 12×20 outline at (10, 6), 2 units wide.
  const inCar = u >= 10 - stroke && u <= 22 + stroke && v >= 6 - stroke && v <= 26 + stroke;
  const inHollow = u > 10 + stroke && u < 22 - stroke && v > 6 + stroke && v < 26 - stroke;
  if (inCar && !inHollow) return WHITE;
  // The arrows: chevrons up (apex 16,10) and down (apex 16,22), 3 units each side.
  if (nearChevron(u, v, 10, 13) || nearChevron(u, v, 22, 19)) return WHITE;
  return BLUE;
}

function insideRounded(u: number, v: number, x: number, y: number, w: number, h: number, r: number): boolean {
  const cx = Math.min(Math.max(u, x + r), x + w - r);
  const cy = Math.min(Math.max(v, y + r), y + h - r);
  return (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
}

/** Within a stroke of the chevron from (13, foot) to (16, apex) to (19, foot). */
function nearChevron(u: number, v: number, apex: number, foot: number): boolean {
  return distanceToSegment(u, v, 13, foot, 16, apex) <= 1 || distanceToSegment(u, v, 16, apex, 19, foot) <= 1;
}

function distanceToSegment(u: number, v: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((u - x1) * dx + (v - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(u - (x1 + t * dx), v - (y1 + t * dy));
}

/** An 8-bit RGBA PNG: signature, IHDR, one IDAT of filter-0 rows, IEND. */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
