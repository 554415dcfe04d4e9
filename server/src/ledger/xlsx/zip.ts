// The one zip reader of uploaded workbooks. Its listing — the central directory, checked against every
// local header — is the only one: the parts it inflates are the parts that get parsed. Parts are inflated
// only when asked for, each with a ceiling, and all of them together with another, so no header can make
// it produce more than the limits, whatever sizes the file claims.

import { crc32, inflateRawSync } from "node:zlib";
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
    return "这是旧版 .xls 文件或受密码保护的工作簿，请在 Excel 中另存为 .xlsx（不设密码）后再上传";
  }
  if (buffer.subarray(0, 5).toString("latin1") === "%PDF-") return "这是 PDF 文件，请上传 .xlsx 台账";
  return "文件不是 .xlsx 格式，请上传用 Excel 保存的 .xlsx 台账（可先下载导入模板）";
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
    if (buffer.length === 0) throw invalidFile("文件为空");
    if (buffer.length < 22 || buffer.readUInt32LE(0) !== LOCAL) throw invalidFile(describeNonZip(buffer));
    const end = findEndOfCentralDirectory(buffer);
    if (end < 0) throw invalidFile("文件不完整或已损坏（不是完整的 .xlsx）");
    const entryCount = buffer.readUInt16LE(end + 10);
    const directorySize = buffer.readUInt32LE(end + 12);
    const directoryOffset = buffer.readUInt32LE(end + 16);
    if (entryCount === 0xffff || directoryOffset === 0xffffffff) throw invalidFile("不支持 ZIP64 格式的文件");
    if (entryCount > limits.maxEntries) throw invalidFile("文件包含的部件过多，不像 Excel 台账");
    if (directoryOffset + directorySize > end) throw invalidFile("文件已损坏（ZIP 目录无法读取）");

    let offset = directoryOffset;
    for (let index = 0; index < entryCount; index++) {
      const entry = this.readCentralEntry(offset);
      offset = entry.next;
      const key = partKey(entry.entry.name);
      // Two parts that a reader could take for one another: refuse rather than guess which is meant.
      if (this.entries.has(key)) throw invalidFile("文件已损坏（包含重名的部件）");
      this.entries.set(key, entry.entry);
    }
  }

  private readCentralEntry(offset: number): { entry: Entry; next: number } {
    const buffer = this.buffer;
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== CENTRAL) {
      throw invalidFile("文件已损坏（ZIP 目录无法读取）");
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
    if (flags & 1) throw invalidFile("文件已加密，请取消密码后再上传");
    if (name.includes("\\") || name.split("/").includes("..") || name.includes("\0")) {
      throw invalidFile("文件已损坏（部件名称不合法）");
    }

    // The local header must describe the same part: a reader that trusts local headers would otherwise
    // see other contents than this one.
    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== LOCAL) {
      throw invalidFile("文件已损坏（ZIP 条目无法读取）");
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
      throw invalidFile("文件已损坏（ZIP 目录与条目不一致）");
    }
    const dataStart = localOffset + 30 + localNameLength + localExtraLength;
    if (dataStart + compressedSize > buffer.length) throw invalidFile("文件不完整或已损坏");
    if (method !== 0 && method !== 8) throw invalidFile("文件使用了不支持的压缩方式");
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
    const tooLarge = () => invalidFile("文件解压后过大，不像 Excel 台账", 413);
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
        throw invalidFile("文件已损坏（无法解压）");
      }
    }
    if (content.length !== entry.size || crc32(content) !== entry.crc) {
      throw invalidFile("文件已损坏（解压后的内容与记录不符）");
    }
    this.inflated += content.length;
    return content;
  }
}
