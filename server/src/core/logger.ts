// A small levelled logger to stderr; enough for a single service.

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

export function createLogger(level: LogLevel): Logger {
  const at =
    (wanted: LogLevel) =>
    (message: string, ...rest: unknown[]) => {
      if (ORDER[wanted] < ORDER[level]) return;
      console.error(`${new Date().toISOString()} ${wanted.padEnd(5)} ${message}`, ...rest);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
