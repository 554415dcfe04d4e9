// Files that hold every account's password hash — the database folder, its backups, the admin socket — are
// made readable by the server's own OS user only, from the moment they exist (mode at creation, not a chmod
// after), and a folder or socket found in a shared place is trusted only when it is this user's own.

import fs from "node:fs";
import path from "node:path";

/** Creates `folder` (and missing parents) as 0700, and tightens it to 0700 if it already existed. */
export function makePrivateFolder(folder: string): void {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  fs.chmodSync(folder, 0o700);
}

/** Writes `bytes` to `file` atomically and owner-only (0600): a partial file is never left under the final name. */
export function writeFileAtomic(file: string, bytes: Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.partial`;
  fs.rmSync(temporary, { force: true });
  const fd = fs.openSync(temporary, "wx", 0o600);
  try {
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    // A half-written copy (a full disk) must not stay to take the space.
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Why `entry` (not followed if a link) is not this user's private folder or socket, or null when it is:
 * owned by `uid`, of the expected kind, and writable by no one else.
 */
export function whyNotPrivate(entry: string, kind: "folder" | "socket", uid = process.getuid?.() ?? 0): string | null {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(entry);
  } catch {
    return `${entry} does not exist`;
  }
  if (kind === "folder" ? !stat.isDirectory() : !stat.isSocket()) return `${entry} is not a ${kind}`;
  if (stat.uid !== uid) return `${entry} belongs to another user (uid ${stat.uid})`;
  if (stat.mode & 0o022) return `${entry} can be changed by other users (mode ${(stat.mode & 0o777).toString(8)})`;
  return null;
}
