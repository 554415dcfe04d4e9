// The one zip reader of uploaded workbooks. Its listing — the central directory, checked against every
// local header — is the only one: the parts it inflates are the parts that get parsed. Parts are inflated
// only when asked for, each with a ceiling, and all of them together with another, so no header can make
// it produce more than the limits, whatever sizes the file claims.

import { crc32, inflateRawSync } from "node:zlib";
import { msg } from "@jiati/shared";
import { invalidFile } from "./errors";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface ZipLimits {
  maxEntries: number;
  /** Largest inflated size of one part that is read. */
  maxEntryBytes: number;
  /** Largest inflated size of all the parts read together. */
  maxTotalBytes: number;
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  dataStart: number;
}

/** Names what a file that is not an .xlsx probably is, for the message. */
function describeNonZip(buffer: Buffer): string {
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    return msg("zip.oldXls");
  }
  if (buffer.subarray(0, 5).toString("latin1") === "%PDF-") return msg("zip.pdf");
  return msg("zip.notXlsx");
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  const stop = Math.max(0, buffer.length - 22 - 0xffff);
  for (let offset = buffer.length - 22; offset >= stop; offset--) {
    if (buffer.readUInt32LE(offset) === EOCD) return offset;
  }
  return -1;
}

/** A part's name as the package addresses it: no leading slash; compared case-insensitively. */
export function partKey(name: string): string {
  return name.replace(/^\/+/, "").toLowerCase();
}

export class ZipArchive {
  private readonly entries = new Map<string, Entry>();
  private inflated = 0;

  constructor(
    private readonly buffer: Buffer,
    private readonly limits: ZipLimits,
  ) {
    if (buffer.length === 0) throw invalidFile(msg("zip.empty"));
    if (buffer.length < 22 || buffer.readUInt32LE(0) !== LOCAL) throw invalidFile(describeNonZip(buffer));
    const end = findEndOfCentralDirectory(buffer);
    if (end < 0) throw invalidFile(msg("zip.incompleteXlsx"));
    const entryCount = buffer.readUInt16LE(end + 10);
    const directorySize = buffer.readUInt32LE(end + 12);
    const directoryOffset = buffer.readUInt32LE(end + 16);
    if (entryCount === 0xffff || directoryOffset === 0xffffffff) throw invalidFile(msg("zip.zip64"));
    if (entryCount > limits.maxEntries) throw invalidFile(msg("zip.tooManyParts"));
    if (directoryOffset + directorySize > end) throw invalidFile(msg("zip.badDirectory"));

    let offset = directoryOffset;
    for (let index = 0; index < entryCount; index++) {
      const entry = this.readCentralEntry(offset);
      offset = entry.next;
      const key = partKey(entry.entry.name);
      // Two parts that a reader could take for one another: refuse rather than guess which is meant.
      if (this.entries.has(key)) throw invalidFile(msg("zip.duplicatePart"));
      this.entries.set(key, entry.entry);
    }
  }

  private readCentralEntry(offset: number): { entry: Entry; next: number } {
    const buffer = this.buffer;
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== CENTRAL) {
      throw invalidFile(msg("zip.badDirectory"));
    }
    const flags = buffer.readUInt16LE(offset + 8);
    const method = buffer.readUInt16LE(offset + 10);
    const crc = buffer.readUInt32LE(offset + 16);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const nameBytes = buffer.subarray(offset + 46, offset + 46 + nameLength);
    const name = nameBytes.toString("utf8");
    if (flags & 1) throw invalidFile(msg("zip.encrypted"));
    if (name.includes("\\") || name.split("/").includes("..") || name.includes("\0")) {
      throw invalidFile(msg("zip.badPartName"));
    }

    // The local header must describe the same part: a reader that trusts local headers would otherwise
    // see other contents than this one.
    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== LOCAL) {
      throw invalidFile(msg("zip.badEntry"));
    }
    const localFlags = buffer.readUInt16LE(localOffset + 6);
    const localMethod = buffer.readUInt16LE(localOffset + 8);
    const localNameLength = buffer.readUInt16LE(localOffset + 26);
    const localExtraLength = buffer.readUInt16LE(localOffset + 28);
    const localName = buffer.subarray(localOffset + 30, localOffset + 30 + localNameLength);
    const sizesFollow = (localFlags & 8) !== 0;
    if (
      !localName.equals(nameBytes) ||
      localMethod !== method ||
      (!sizesFollow &&
        (buffer.readUInt32LE(localOffset + 18) !== compressedSize || buffer.readUInt32LE(localOffset + 22) !== size))
    ) {
      throw invalidFile(msg("zip.directoryMismatch"));
    }
    const dataStart = localOffset + 30 + localNameLength + localExtraLength;
    if (dataStart + compressedSize > buffer.length) throw invalidFile(msg("zip.incomplete"));
    if (method !== 0 && method !== 8) throw invalidFile(msg("zip.unsupportedMethod"));
    return {
      entry: { name, method, compressedSize, size, crc, dataStart },
      next: offset + 46 + nameLength + extraLength + commentLength,
    };
  }

  has(name: string): boolean {
    return this.entries.has(partKey(name));
  }

  /**
   * The inflated bytes of a part, or null when the archive has none of that name. Refuses a part that
   * inflates beyond the limits or to other bytes than its header declares.
   */
  read(name: string): Buffer | null {
    const entry = this.entries.get(partKey(name));
    if (!entry) return null;
    const tooLarge = () => invalidFile(msg("zip.inflatedTooLarge"), 413);
    const allowed = Math.min(this.limits.maxEntryBytes, this.limits.maxTotalBytes - this.inflated);
    if (entry.size > allowed) throw tooLarge();
    const data = this.buffer.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let content: Buffer;
    if (entry.method === 0) {
      content = data;
    } else {
      try {
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, allowed + 1) });
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
        throw invalidFile(msg("zip.cannotInflate"));
      }
    }
    if (content.length !== entry.size || crc32(content) !== entry.crc) {
      throw invalidFile(msg("zip.inflatedMismatch"));
    }
    this.inflated += content.length;
    return content;
  }
}
