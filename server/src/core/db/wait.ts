// Start-up's wait for a database server that is not up yet (a machine's boot order, a compose file starting
// both at once): try, and while the server cannot be reached, try again with backoff until the time is up.

import type { Logger } from "../logger";
import { worthWaitingFor } from "./faults";

export class DatabaseNeverCame extends Error {}

/** The wait before attempt `attempt` + 1: 250 ms doubling up to 5 s. */
export function startupDelay(attempt: number): number {
  return Math.min(5_000, 250 * 2 ** (attempt - 1));
}

/**
 * Calls `open` until it succeeds, waiting between attempts while the failure means "not reachable yet" and
 * `waitSeconds` have not passed (each attempt is logged). Other failures — a wrong password, a missing
 * database — are thrown at once; running out of time throws DatabaseNeverCame with the last failure.
 */
export async function openWhenReachable<T>(
  open: () => Promise<T>,
  options: { waitSeconds: number; logger: Logger; sleep?: (ms: number) => Promise<void> },
): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + options.waitSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      const opened = await open();
      if (attempt > 1) options.logger.warn(`database reachable after ${attempt} attempts`);
      return opened;
    } catch (error) {
      if (!worthWaitingFor(error)) throw error;
      const message = (error as Error).message || String(error);
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new DatabaseNeverCame(
          `The database could not be reached within ${options.waitSeconds} s (DATABASE_WAIT_SECONDS), ${attempt} attempts; the last said: ${message}\n  Check that the PostgreSQL server runs and that DATABASE_URL points at it.`,
        );
      }
      const delay = Math.min(startupDelay(attempt), left);
      options.logger.warn(
        `waiting for the database (attempt ${attempt}, ${Math.round((options.waitSeconds * 1000 - left) / 100) / 10} s of ${options.waitSeconds} s): ${message}; next try in ${(delay / 1000).toFixed(1)} s`,
      );
      await sleep(delay);
    }
  }
}
