// Runs the operations CLI (npm run backup / restore) as a user would: the built bundle, or through npm.

import { spawn } from "node:child_process";
import { cliBundle, REPO_ROOT } from "./paths";
import { serverEnv } from "./server-process";

export interface CliRun {
  code: number | null;
  output: string;
}

/** `node server/dist/cli.js …args`, or with `npm: true` the documented `npm run <command> -- …` from the root. */
export function runCli(args: string[], env: Record<string, string>, options: { npm?: boolean } = {}): Promise<CliRun> {
  const [command, ...rest] = args;
  const child = options.npm
    ? spawn("npm", ["run", "--silent", command, "--", ...rest], { cwd: REPO_ROOT, env: serverEnv(env) })
    : spawn(process.execPath, [cliBundle(), ...args], { cwd: REPO_ROOT, env: serverEnv(env) });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}
