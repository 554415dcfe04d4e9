// Asks for a secret on the terminal without showing what is typed (nothing is echoed, not even stars), so a
// password never lands in the scrollback or a screen recording. Piped input is read the same way.

import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";

export async function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, encoding, done) {
      if (!muted) process.stdout.write(chunk, encoding as BufferEncoding);
      done();
    },
  });
  const terminal = Boolean(process.stdin.isTTY);
  const reader = createInterface({ input: process.stdin, output, terminal });
  try {
    process.stdout.write(question);
    muted = true;
    return await reader.question("");
  } finally {
    reader.close();
    muted = false;
    process.stdout.write("\n");
  }
}
