// Structured JSON logs (pino). Secrets in headers never reach the log.
import { pino, type Logger } from 'pino';

/** The process logger, writing JSON lines to stdout at `level`. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'inkwell-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], remove: true },
    formatters: { level: (label) => ({ level: label }) },
  });
}
