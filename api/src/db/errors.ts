// Which database failures mean "the database is unavailable" rather than "our query is wrong".

// Class 08 connection exceptions; 57P01-57P03 shutdown / cannot connect now; 53300 too many
// connections; 57014 query canceled by statement_timeout counts as overloaded.
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '57014',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
  'the database system is',
];

/** True when the error says the database cannot be reached or is going away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed rather than instanceof: errors may come from another realm (vm contexts).
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((text) => message.includes(text))) return true;
  // AggregateError from net.connect when every address of the host refuses.
  if (Array.isArray(errors)) return errors.some(isDatabaseUnavailable);
  return false;
}

/** The PostgreSQL error code (SQLSTATE) of an error, if it has one. */
export function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The name of the violated constraint for 23xxx errors. */
export function pgConstraint(error: unknown): string | undefined {
  const constraint = (error as { constraint?: unknown } | null)?.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}

/**
 * The foreign key a write broke (23503), or null. A write that looks its target up and a delete
 * of that target can commit in either order: when the delete wins, the write fails here.
 */
export function brokenForeignKey(error: unknown): string | null {
  return pgCode(error) === '23503' ? (pgConstraint(error) ?? null) : null;
}
