// Faults of the database itself, as opposed to errors of a request: the server cannot be reached (stopped,
// restarting, network) or its disk is full. The error handler answers them with 503 and 507, health reports
// them, and the start-up waits out the first kind (docs/OPERATIONS.md).

export type DatabaseFault = "unavailable" | "disk_full";

/** Socket errors meaning the database cannot be reached now. */
const UNREACHABLE_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNABORTED",
]);

/**
 * SQLSTATEs meaning the server is going away or not there yet: class 08 (connection exception),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, in recovery).
 */
const UNAVAILABLE_STATES = /^(08...|57P0[123])$/;

/** What node-postgres says when a connection ends under a query, or the pool gives up waiting for one. */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection ended unexpectedly/i,
];

/** The fault one error (not its causes) says, or null. */
function faultOf(error: { code?: unknown; message?: unknown }): DatabaseFault | null {
  const code = typeof error.code === "string" ? error.code : "";
  if (code === "53100" || code === "ENOSPC") return "disk_full";
  if (UNREACHABLE_ERRNOS.has(code) || UNAVAILABLE_STATES.test(code)) return "unavailable";
  const message = typeof error.message === "string" ? error.message : "";
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message)) ? "unavailable" : null;
}

/** The database fault behind `error` (walking drizzle's `cause` chain and AggregateErrors), or null. */
export function databaseFault(error: unknown): DatabaseFault | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] };
    const fault = faultOf(candidate) ?? (Array.isArray(candidate.errors) ? databaseFault(candidate.errors[0]) : null);
    if (fault) return fault;
    current = candidate.cause;
  }
  return null;
}

/** Whether start-up should wait and try again after `error`: the server is not reachable yet. */
export function worthWaitingFor(error: unknown): boolean {
  return databaseFault(error) === "unavailable";
}
