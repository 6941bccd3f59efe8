// Structured JSON logs (pino). Secrets in headers never reach the log.
import { pino, type Logger } from 'pino';

/**
 * The process logger, writing JSON lines to stdout at `level`. Writes are asynchronous: under
 * load, lines that arrive while one write is in flight go out together in the next, instead of
 * one system call per line on the request path. Pending lines are flushed when the process exits.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { service: 'inkwell-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], remove: true },
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.destination({ dest: 1, sync: false }),
  );
}
