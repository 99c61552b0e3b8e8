/**
 * Strict checker for Loki push JSON (`POST /loki/api/v1/push`, Content-Type application/json), after
 * grafana/loki docs/sources/reference/loki-http-api.md and .../labels/structured-metadata.md:
 * `{"streams":[{"stream":{label:value},"values":[["<ns>","<line>"(,{metadata})?]]}]}`.
 * Stricter than Loki where our encoder should never go: no extra keys, no empty streams or values.
 */
export interface LokiEntry {
  /** Exactly as sent: nanoseconds since the epoch, decimal. */
  timestampNs: string;
  line: string;
  /** Structured metadata (the optional third element). */
  metadata?: Record<string, string>;
}

export interface LokiStream {
  stream: Record<string, string>;
  values: LokiEntry[];
}

/** Prometheus label-name syntax, which Loki applies to stream labels. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Nanosecond epochs from 2001-09-09 to 2286 have exactly 19 digits; anything shorter is almost
 * certainly milliseconds or seconds sent under a nanosecond name.
 */
const NANOSECOND_EPOCH = /^[1-9][0-9]{18}$/;

export function checkLokiPushJson(bodyText: string): LokiStream[] {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch (error) {
    throw new Error(`Loki push: body is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const root = expectObject(body, '(root)', ['streams']);
  if (!Array.isArray(root['streams']) || root['streams'].length === 0) fail('streams', 'expected a non-empty array');
  return root['streams'].map((stream: unknown, index: number) => checkStream(stream, `streams[${index}]`));
}

function checkStream(value: unknown, path: string): LokiStream {
  const stream = expectObject(value, path, ['stream', 'values']);
  // Loki refuses a stream without labels; "__"-prefixed names are reserved (Alloy drops them).
  const labels = checkStringMap(stream['stream'], `${path}.stream`, true);
  if (Object.keys(labels).length === 0) fail(`${path}.stream`, 'a stream needs at least one label');
  const values = stream['values'];
  if (!Array.isArray(values) || values.length === 0) fail(`${path}.values`, 'expected a non-empty array');
  return { stream: labels, values: values.map((entry: unknown, i: number) => checkEntry(entry, `${path}.values[${i}]`)) };
}

function checkEntry(value: unknown, path: string): LokiEntry {
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3)) {
    fail(path, 'expected ["<ns>", "<line>"] or ["<ns>", "<line>", {metadata}]');
  }
  const [timestampNs, line, metadata] = value as unknown[];
  // A number would be rounded: Date.now() * 1e6 is far beyond 2^53.
  if (typeof timestampNs !== 'string' || !NANOSECOND_EPOCH.test(timestampNs)) {
    fail(`${path}[0]`, `expected a 19-digit nanosecond timestamp string, got ${JSON.stringify(timestampNs)}`);
  }
  if (typeof line !== 'string') fail(`${path}[1]`, `expected a string line, got ${JSON.stringify(line)}`);
  if (value.length === 2) return { timestampNs, line };
  return { timestampNs, line, metadata: checkStringMap(metadata, `${path}[2]`, false) };
}

/**
 * A flat string-to-string object. Metadata names are held to the label-name syntax too (our rule):
 * LogQL filters structured metadata like labels (`| trace_id="..."`), so other names are unqueryable.
 */
function checkStringMap(value: unknown, path: string, isStreamLabels: boolean): Record<string, string> {
  const map = expectObject(value, path);
  const flat: Record<string, string> = {};
  for (const [name, item] of Object.entries(map)) {
    if (!LABEL_NAME.test(name)) fail(`${path}.${name}`, 'not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)');
    if (isStreamLabels && name.startsWith('__')) fail(`${path}.${name}`, 'names starting with "__" are reserved');
    // An empty label value means "no such label" to Loki and Prometheus alike.
    if (typeof item !== 'string' || (isStreamLabels && item === '')) {
      fail(`${path}.${name}`, `expected a ${isStreamLabels ? 'non-empty ' : ''}string, got ${JSON.stringify(item)}`);
    }
    flat[name] = item;
  }
  return flat;
}

function expectObject(value: unknown, path: string, exactKeys?: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'expected an object');
  const object = value as Record<string, unknown>;
  if (exactKeys !== undefined) {
    const unexpected = Object.keys(object).find((key) => !exactKeys.includes(key));
    if (unexpected !== undefined) fail(`${path}.${unexpected}`, `unexpected key (allowed: ${exactKeys.join(', ')})`);
  }
  return object;
}

function fail(path: string, problem: string): never {
  throw new Error(`Loki push: ${path}: ${problem}`);
}
