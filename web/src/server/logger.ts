import { hostname } from 'node:os';

import type { LogLevel } from './config';

/*
 * Log lines as JSON, one per line on stdout, in the shape pino writes (numeric `level`, `time` in
 * ms, `msg`), so the API's and the renderer's logs read and filter alike. Small enough not to
 * bring pino into the web package for it.
 */

const LEVEL_VALUES = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
type Level = keyof typeof LEVEL_VALUES;

export type LogFields = Record<string, unknown>;

export interface Logger {
  fatal(fields: LogFields, msg: string): void;
  error(fields: LogFields, msg: string): void;
  warn(fields: LogFields, msg: string): void;
  info(fields: LogFields, msg: string): void;
  debug(fields: LogFields, msg: string): void;
  /** The same logger with these fields on every line (a request's id). */
  child(fields: LogFields): Logger;
}

/** An Error as data: JSON.stringify would write `{}`. */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const cause = error.cause === undefined ? {} : { cause: serializeError(error.cause) };
  return { type: error.name, message: error.message, stack: error.stack, ...cause };
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(line),
  bound: LogFields = { pid: process.pid, hostname: hostname(), name: 'web-renderer' },
): Logger {
  const threshold = level === 'silent' ? Infinity : LEVEL_VALUES[level];
  const at =
    (name: Level) =>
    (fields: LogFields, msg: string): void => {
      if (LEVEL_VALUES[name] < threshold) return;
      const { err, ...rest } = fields;
      const line = {
        level: LEVEL_VALUES[name],
        time: Date.now(),
        ...bound,
        ...rest,
        ...(err === undefined ? {} : { err: serializeError(err) }),
        msg,
      };
      write(`${JSON.stringify(line)}\n`);
    };
  return {
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    child: (fields) => createLogger(level, write, { ...bound, ...fields }),
  };
}
