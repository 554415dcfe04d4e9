// The server's layering, checked over its import graph (docs/ARCHITECTURE.md): core/ is used by the
// features and uses none of them; rules/ use only core/; services and repos never reach into the HTTP layer
// or the event stream; every feature has routes and a service, and its queries live in its repo.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** The source folders (relative to server/src) a file imports from, by its relative imports. */
function importedFolders(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)].map(([, spec]) =>
    path.relative(SRC, path.resolve(path.dirname(file), spec as string)),
  );
}

const files = sourceFiles(SRC).map((file) => ({ file: path.relative(SRC, file), imports: importedFolders(file) }));
const under = (folder: string, target: string) => target === folder || target.startsWith(`${folder}/`);

/** The folders that are features: a routes.ts of their own. */
const FEATURES = fs
  .readdirSync(SRC, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(SRC, entry.name, "routes.ts")))
  .map((entry) => entry.name);

describe("the server's layers", () => {
  it("keeps core/ free of imports from outside it", () => {
    const leaks = files
      .filter(({ file }) => under("core", file))
      .flatMap(({ file, imports }) => imports.filter((target) => !under("core", target)).map((t) => `${file} → ${t}`));
    expect(leaks).toEqual([]);
  });

  it("lets rules/ use only core/", () => {
    const leaks = files
      .filter(({ file }) => under("rules", file))
      .flatMap(({ file, imports }) =>
        imports.filter((target) => !under("core", target) && !under("rules", target)).map((t) => `${file} → ${t}`),
      );
    expect(leaks).toEqual([]);
  });

  it("keeps services and repos out of the HTTP layer and the event stream", () => {
    const leaks = files
      .filter(({ file }) => /(^|\/)(service|repo)\.ts$/.test(file))
      .flatMap(({ file, imports }) =>
        imports.filter((target) => under("http", target) || under("stream", target)).map((t) => `${file} → ${t}`),
      );
    expect(leaks).toEqual([]);
  });

  it("gives every feature a routes.ts and a service.ts, and its queries a repo.ts", () => {
    const missing = FEATURES.flatMap((feature) =>
      ["routes.ts", "service.ts"]
        .filter((name) => !fs.existsSync(path.join(SRC, feature, name)))
        .map((name) => `${feature}/${name}`),
    );
    expect(FEATURES.length).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });

  it("keeps queries out of services: they call their repo", () => {
    // A query is the query builder called on a database or transaction handle, or a raw statement.
    const QUERY = /\b(db|tx|ex)\s*\.\s*(select|insert|update|delete|execute|transaction)\(|\bqueryRows\(/;
    const offenders = FEATURES.filter((feature) =>
      QUERY.test(fs.readFileSync(path.join(SRC, feature, "service.ts"), "utf8")),
    );
    expect(offenders).toEqual([]);
    const queryingWithoutRepo = FEATURES.filter(
      (feature) =>
        !fs.existsSync(path.join(SRC, feature, "repo.ts")) &&
        fs
          .readdirSync(path.join(SRC, feature))
          .some((name) => name.endsWith(".ts") && QUERY.test(fs.readFileSync(path.join(SRC, feature, name), "utf8"))),
    );
    expect(queryingWithoutRepo).toEqual([]);
  });
});
