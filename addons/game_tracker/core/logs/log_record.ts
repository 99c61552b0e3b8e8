import type { LogLevel, Value } from '../types';

/** One log call, as queued. Context views are shared references, rebuilt only when the context changes. */
export interface LogRecord {
  readonly timeUnixMs: number;
  readonly level: LogLevel;
  readonly msg: string;
  readonly data: Readonly<Record<string, Value>> | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  readonly contexts: Readonly<Record<string, Value>>;
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
}

export const LOG_LEVEL_RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };
