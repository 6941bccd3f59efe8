// What the stack said while a fault ran: its own lines (a child exited, is back, a deploy step)
// as they are, and its children's warnings and errors grouped by message (the API's JSON log
// lines by `msg` and error, nginx's error log by its message), counted, the commonest first.
// Times are performance.now() milliseconds, like the load's.

interface Line {
  at: number;
  source: string;
  text: string;
}

/** pino's levels: 40 warn, 50 error, 60 fatal. */
const WARN_LEVEL = 40;
const MAX_LINES = 50_000;
const MAX_GROUPS = 8;
const NGINX_LINE = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d) \[(\w+)\] \d+#\d+: (?:\*\d+ )?(.*)$/;

export class StackLog {
  private readonly lines: Line[] = [];

  /** One output line of a child (or of the stack itself, source `inkwell`), as it comes. */
  add(source: string, line: string): void {
    const text = source === 'inkwell' ? line : warning(line);
    if (text === undefined || this.lines.length >= MAX_LINES) return;
    this.lines.push({ at: performance.now(), source, text });
  }

  /** nginx's error log (local time to the second), read at the end of the run. */
  addNginxErrors(log: string): void {
    for (const line of log.split('\n')) {
      const match = NGINX_LINE.exec(line);
      if (!match || this.lines.length >= MAX_LINES) continue;
      const [, year, month, day, hour, minute, second, level, message] = match;
      const wallClock = new Date(+year!, +month! - 1, +day!, +hour!, +minute!, +second!).getTime();
      const text = `[${level}] ${message!.replace(/, client: .*$/, '')}`;
      this.lines.push({ at: wallClock - performance.timeOrigin, source: 'nginx', text });
    }
  }

  /** The lines from `from` to `to`: the stack's own in order, then the children's grouped. */
  summary(from: number, to: number): string[] {
    // nginx's times are whole seconds: widen its window by one.
    const within = this.lines.filter(
      (line) =>
        line.at >= from - (line.source === 'nginx' ? 1_000 : 0) &&
        line.at <= to + (line.source === 'nginx' ? 1_000 : 0),
    );
    const own = within.filter((line) => line.source === 'inkwell').map((line) => `inkwell | ${line.text}`);
    const groups = new Map<string, number>();
    for (const line of within) {
      if (line.source === 'inkwell') continue;
      const key = `${line.source} | ${line.text.replace(/\d+/g, '#')}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    const common = [...groups].sort((a, b) => b[1] - a[1]);
    return [
      ...own,
      ...common.slice(0, MAX_GROUPS).map(([key, count]) => `${count}× ${key}`),
      ...(common.length > MAX_GROUPS ? [`… and ${common.length - MAX_GROUPS} other messages`] : []),
    ];
  }
}

/** A warning or worse, in a few words; undefined for anything milder. */
function warning(line: string): string | undefined {
  let entry: { level?: unknown; msg?: unknown; err?: { message?: unknown } } | undefined;
  try {
    entry = JSON.parse(line) as typeof entry;
  } catch {
    // not a JSON log line: kept as it is (a stack trace, a crash message)
    return line.trim() === '' ? undefined : line.slice(0, 200);
  }
  if (typeof entry?.level !== 'number' || entry.level < WARN_LEVEL) return undefined;
  const error = typeof entry.err?.message === 'string' ? ` (${entry.err.message})` : '';
  return `${String(entry.msg)}${error}`.slice(0, 200);
}
