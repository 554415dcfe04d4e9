// A guard run on an uploaded file before any spreadsheet library sees it: is it a zip holding an Excel
// workbook, and does it inflate to a bounded size? Every entry is actually inflated with a ceiling, so a
// zip bomb — whatever sizes its headers claim — is refused after at most `maxInflatedBytes` of output.

import { inflateRawSync } from "node:zlib";
import { InvalidInput } from "../errors";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface ZipLimits {
  maxEntries: number;
  maxInflatedBytes: number;
  /** Merged ranges per sheet, and cells they cover: the spreadsheet library visits each merged cell. */
  maxMerges: number;
  maxMergedCells: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2_000,
  maxInflatedBytes: 150 * 1024 * 1024,
  maxMerges: 2_000,
  maxMergedCells: 100_000,
};

/** Column number (A = 1) and row of an A1 reference. */
function decodeCell(ref: string): { col: number; row: number } | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!match) return null;
  let col = 0;
  for (const letter of match[1]) col = col * 26 + (letter.charCodeAt(0) - 64);
  return { col, row: Number(match[2]) };
}

/** Refuses a sheet whose merged ranges are too many or too large to expand safely. */
function checkMerges(name: string, xml: Buffer, limits: ZipLimits): void {
  const start = xml.indexOf("<mergeCells");
  if (start < 0) return;
  const text = xml.toString("utf8", start, Math.min(xml.length, start + 200 * (limits.maxMerges + 10)));
  let merges = 0;
  let cells = 0;
  for (const match of text.matchAll(/<mergeCell\s+ref="([^"]*)"/g)) {
    const [from, to = from] = match[1].split(":");
    const a = decodeCell(from);
    const b = decodeCell(to);
    if (!a || !b) throw invalid(`工作表 ${name} 的合并单元格无法识别`);
    merges++;
    cells += (Math.abs(b.col - a.col) + 1) * (Math.abs(b.row - a.row) + 1);
    if (merges > limits.maxMerges || cells > limits.maxMergedCells) {
      throw invalid("合并单元格过多或过大，请取消合并后再上传");
    }
  }
}

const invalid = (message: string) => new InvalidInput(message, { file: message }, "invalid_file");

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

/**
 * Refuses (400) anything but a well-formed, unencrypted zip containing an Excel workbook that inflates to
 * at most `limits.maxInflatedBytes`.
 */
export function checkXlsxContainer(buffer: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  if (buffer.length === 0) throw invalid("文件为空");
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== LOCAL) throw invalid(describeNonZip(buffer));
  const end = findEndOfCentralDirectory(buffer);
  if (end < 0) throw invalid("文件不完整或已损坏（不是完整的 .xlsx）");
  const entryCount = buffer.readUInt16LE(end + 10);
  const directoryOffset = buffer.readUInt32LE(end + 16);
  if (entryCount === 0xffff || directoryOffset === 0xffffffff) throw invalid("不支持 ZIP64 格式的文件");
  if (entryCount > limits.maxEntries) throw invalid("文件包含的部件过多，不像 Excel 台账");

  const names = new Set<string>();
  let inflated = 0;
  let offset = directoryOffset;
  for (let index = 0; index < entryCount; index++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== CENTRAL) {
      throw invalid("文件已损坏（ZIP 目录无法读取）");
    }
    const flags = buffer.readUInt16LE(offset + 8);
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString("utf8", offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    names.add(name);
    if (flags & 1) throw invalid("文件已加密，请取消密码后再上传");

    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== LOCAL) {
      throw invalid("文件已损坏（ZIP 条目无法读取）");
    }
    const dataStart = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) throw invalid("文件不完整或已损坏");
    let content: Buffer;
    if (method === 0) {
      content = data;
    } else if (method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, limits.maxInflatedBytes - inflated + 1) });
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
          throw invalid("文件解压后过大，不像 Excel 台账");
        }
        throw invalid("文件已损坏（无法解压）");
      }
    } else {
      throw invalid("文件使用了不支持的压缩方式");
    }
    inflated += content.length;
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) checkMerges(name, content, limits);
    if (inflated > limits.maxInflatedBytes) throw invalid("文件解压后过大，不像 Excel 台账");
  }
  if (!names.has("xl/workbook.xml")) throw invalid("这不是 Excel 工作簿（.xlsx），请上传台账文件");
}
