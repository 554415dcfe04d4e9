// Test fixtures written by hand, part by part, instead of by a spreadsheet library: .xlsx files the way
// other tools (or attackers) write them — inline or shared strings, namespace prefixes, odd attribute
// spellings, zips whose central directory and local headers disagree.

import { crc32, deflateRawSync } from "node:zlib";

export interface ZipEntrySpec {
  name: string;
  data: Buffer;
  deflate?: boolean;
  flags?: number;
  /** What the local header says instead, when it should disagree with the central directory. */
  local?: { name?: string; size?: number; compressedSize?: number };
  /** Sizes the central directory claims instead of the real ones. */
  claims?: { size?: number; compressedSize?: number };
  /** Deflated bytes to store as they are (for bombs built once). */
  deflated?: Buffer;
}

/** A zip written byte by byte. */
export function zipOf(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const localName = Buffer.from(entry.local?.name ?? entry.name);
    const compressed = entry.deflated !== undefined || entry.deflate;
    const body = entry.deflated ?? (entry.deflate ? deflateRawSync(entry.data) : entry.data);
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.flags ?? 0, 6);
    local.writeUInt16LE(compressed ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.local?.compressedSize ?? body.length, 18);
    local.writeUInt32LE(entry.local?.size ?? entry.data.length, 22);
    local.writeUInt16LE(localName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.flags ?? 0, 8);
    central.writeUInt16LE(compressed ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(entry.claims?.compressedSize ?? body.length, 20);
    central.writeUInt32LE(entry.claims?.size ?? entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, localName, body);
    centrals.push(central, name);
    offset += local.length + localName.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xml = (text: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`);
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** `<row>`s of inline-string cells (empty strings are left out). */
export function inlineRows(rows: readonly (readonly string[])[], firstRow = 1): string {
  return rows
    .map((row, r) => {
      const cells = row
        .map((text, c) =>
          text === ""
            ? ""
            : `<c r="${columnName(c)}${r + firstRow}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`,
        )
        .join("");
      return `<row r="${r + firstRow}">${cells}</row>`;
    })
    .join("");
}

export interface HandmadeOptions {
  /** The sheet's whole XML, instead of `rows`. */
  sheetXml?: string;
  rows?: readonly (readonly string[])[];
  /** Before the sheet's root element (a DOCTYPE, a comment). */
  prolog?: string;
  /** Inside `<worksheet>` after `<sheetData>` (merges, say). */
  after?: string;
  /** The zip entry's name for the sheet (the workbook's relationship always says worksheets/sheet1.xml). */
  sheetEntryName?: string;
  sheetName?: string;
  /** Instead of the sheet entry the defaults build. */
  sheetEntry?: Partial<ZipEntrySpec>;
  styles?: string;
  sharedStrings?: string;
  extraParts?: ZipEntrySpec[];
}

/** A minimal .xlsx with one sheet, part by part. */
export function handmadeXlsx(options: HandmadeOptions): Buffer {
  const sheet =
    options.sheetXml ??
    `${options.prolog ?? ""}<worksheet xmlns="${MAIN}"><sheetData>${inlineRows(options.rows ?? [])}</sheetData>${options.after ?? ""}</worksheet>`;
  const workbookRels = [
    `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`,
    options.styles ? `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>` : "",
    options.sharedStrings ? `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : "",
  ].join("");
  const parts: ZipEntrySpec[] = [
    {
      name: "[Content_Types].xml",
      data: xml(
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
    },
    {
      name: "_rels/.rels",
      data: xml(
        `<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/workbook.xml",
      data: xml(
        `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${options.sheetName ?? "台账"}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: xml(`<Relationships xmlns="${PACKAGE_REL}">${workbookRels}</Relationships>`),
    },
    {
      name: options.sheetEntryName ?? "xl/worksheets/sheet1.xml",
      data: xml(sheet),
      deflate: true,
      ...options.sheetEntry,
    },
  ];
  if (options.styles) parts.push({ name: "xl/styles.xml", data: xml(options.styles), deflate: true });
  if (options.sharedStrings)
    parts.push({ name: "xl/sharedStrings.xml", data: xml(options.sharedStrings), deflate: true });
  return zipOf([...parts, ...(options.extraParts ?? [])]);
}
