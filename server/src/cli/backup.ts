// npm run backup / npm run restore — implemented with the reliability work (issue 7).

export async function backupCommand(_args: string[]): Promise<void> {
  throw new Error("backup: not implemented yet");
}

export async function restoreCommand(_args: string[]): Promise<void> {
  throw new Error("restore: not implemented yet");
}
