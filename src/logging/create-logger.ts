export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type Logger = Record<Exclude<LogLevel, 'silent'>, (message: string, fields?: Record<string, unknown>) => void>;

const order: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** A logger writing one JSON object per line to `out` (stderr by default), from `level` up. */
export function createLogger(level: LogLevel, out: { write(line: string): unknown } = process.stderr, now = () => new Date()): Logger {
  const min = order.indexOf(level);
  const at = (name: Exclude<LogLevel, 'silent'>) => (message: string, fields: Record<string, unknown> = {}) => {
    if (order.indexOf(name) < min) return;
    out.write(`${JSON.stringify({ time: now().toISOString(), level: name, message, ...fields })}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
