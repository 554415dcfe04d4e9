// Streams one XML part through a real XML parser (saxes: comments, CDATA, entities and namespace prefixes
// handled as XML defines them; no DTD entities, no external resources). Elements are reported by their
// local name, so `<x:c>` reads as `c`.

import { msg } from "@jiati/shared";
import { SaxesParser } from "saxes";
import { FileProblem, invalidFile } from "./errors";

export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

const CHUNK = 1 << 20;

const localName = (name: string) => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Decodes by the byte order mark (UTF-8 without one), in chunks, so no part becomes one huge string. */
function* decode(bytes: Buffer): Generator<string> {
  let encoding = "utf-8";
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ["utf-16le", 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ["utf-16be", 2];
  const decoder = new TextDecoder(encoding, { fatal: true });
  for (let offset = start; offset < bytes.length; offset += CHUNK) {
    yield decoder.decode(bytes.subarray(offset, offset + CHUNK), { stream: offset + CHUNK < bytes.length });
  }
}

/** Parses `bytes` as XML, calling the handlers; a malformed part is a FileProblem naming `part`. */
export function parseXml(bytes: Buffer, part: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ position: false });
  // Handlers may be an object's methods: they are called on it.
  if (handlers.open) {
    parser.on("opentag", (tag) => {
      const attributes: Record<string, string> = {};
      for (const [name, value] of Object.entries(tag.attributes as Record<string, string>)) {
        attributes[localName(name)] = value;
      }
      handlers.open?.(localName(tag.name), attributes);
    });
  }
  if (handlers.close) parser.on("closetag", (tag) => handlers.close?.(localName(tag.name)));
  if (handlers.text) {
    const text = (chunk: string) => handlers.text?.(chunk);
    parser.on("text", text);
    parser.on("cdata", text);
  }
  try {
    for (const chunk of decode(bytes)) parser.write(chunk);
    parser.close();
  } catch (error) {
    // A handler's own refusal (a limit reached) passes through as it is.
    if (error instanceof FileProblem) throw error;
    throw invalidFile(msg("xlsx.badXml", { part }));
  }
}
