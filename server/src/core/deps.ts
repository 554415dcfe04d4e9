// What services share: the database, the change hub, the clock and the logger; and the one way to write.

import type { Change, ChangeHub } from "./changes";
import type { Clock } from "./context";
import type { Database, Db, Tx } from "./db";
import type { Logger } from "./logger";

export interface Deps {
  database: Database;
  db: Db;
  hub: ChangeHub;
  clock: Clock;
  logger: Logger;
}

/**
 * Runs `work` in one transaction. Changes it announces are sent with NOTIFY inside the transaction and
 * applied locally once it has committed — so nothing is announced that was not written.
 */
export async function inTransaction<T>(
  deps: Deps,
  work: (tx: Tx, announce: (change: Change) => Promise<void>) => Promise<T>,
): Promise<T> {
  const changes: Change[] = [];
  const result = await deps.db.transaction(async (tx) =>
    work(tx, async (change) => {
      changes.push(change);
      await deps.hub.notifyInTransaction(tx, change);
    }),
  );
  for (const change of changes) deps.hub.committed(change);
  return result;
}
