// Prints the gzip size of the JavaScript a page needs before it can render: the entry chunk, the route's
// page chunks, and everything they import statically. Run after `vite build`:
//   node scripts/bundle-size.mjs            (login and dashboard)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "../dist");
const assets = path.join(dist, "assets");
const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
const entry = html.match(/src="\/assets\/([^"]+\.js)"/)[1];
const files = fs.readdirSync(assets);

function staticImports(file) {
  const code = fs.readFileSync(path.join(assets, file), "utf8");
  const found = new Set();
  for (const match of code.matchAll(/(?:^|[;}\s])import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    found.add(match[1]);
  }
  return [...found];
}

function closure(roots) {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...staticImports(file));
  }
  return seen;
}

const chunk = (prefix) => files.find((file) => file.startsWith(`${prefix}-`) && file.endsWith(".js"));
const gz = (file) => gzipSync(fs.readFileSync(path.join(assets, file))).length;

for (const [name, pages] of [
  ["login", ["LoginPage"]],
  ["dashboard", ["AppLayout", "DashboardPage"]],
]) {
  const set = closure([entry, ...pages.map(chunk)]);
  const total = [...set].reduce((sum, file) => sum + gz(file), 0);
  console.log(`${name}: ${(total / 1024).toFixed(1)} KiB gzip in ${set.size} files`);
  if (process.argv.includes("-v")) for (const file of set) console.log(`  ${file} ${(gz(file) / 1024).toFixed(1)}`);
}
