// Finds a Chromium for the browser tests: CHROMIUM_PATH, else the system's, else Debian's package
// installed when running as root, else Playwright's own download. Prints the path.
import { execSync, spawnSync } from "node:child_process";
import fs from "node:fs";

function which(name) {
  const result = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  for (const name of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) {
    const found = which(name);
    if (found) return found;
  }
  if (process.getuid?.() === 0 && which("apt-get")) {
    console.error("[chromium] installing Debian's chromium and fonts-noto-cjk …");
    execSync("apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk", {
      stdio: "inherit",
    });
    const found = which("chromium");
    if (found) return found;
  }
  console.error("[chromium] no system Chromium: downloading Playwright's …");
  execSync("npx playwright install chromium", { stdio: "inherit" });
  return ""; // Playwright finds its own download when executablePath is empty.
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(findChromium());
}
