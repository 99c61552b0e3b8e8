/**
 * Loki's JSON push body (grafana/loki docs/sources/reference/loki-http-api.md):
 * `{"streams":[{"stream":{labels},"values":[["<unix ns as string>","<line>",{structured metadata}?]]}]}`.
 */
import { expectArray, expectRecord, expectString, expectStringMap, parseJson } from '../json_shape';
import type { LogEntry } from '../model/records';
import { RejectError } from '../reply';
import { storedStreamLabels } from './stream_labels';

/** Loki reads the timestamp with a string reader and strconv.ParseInt: a JSON number is an error. */
const UNIX_NANOS = /^\d{1,19}$/;

export function decodeLokiJson(text: string): LogEntry[] {
  const root = expectRecord(parseJson(text), 'body');
  const entries: LogEntry[] = [];
  expectArray(root['streams'], 'streams').forEach((rawStream, streamIndex) => {
    const path = `streams[${streamIndex}]`;
    const stream = expectRecord(rawStream, path);
    const labels = storedStreamLabels(expectStringMap(stream['stream'], `${path}.stream`));
    expectArray(stream['values'], `${path}.values`).forEach((rawValue, valueIndex) => {
      entries.push(toEntry(rawValue, labels, `${path}.values[${valueIndex}]`));
    });
  });
  return entries;
}

function toEntry(rawValue: unknown, labels: Readonly<Record<string, string>>, path: string): LogEntry {
  const [time, line, metadata, ...extra] = expectArray(rawValue, path);
  if (line === undefined || extra.length > 0) {
    throw new RejectError(400, `${path}: expected ["<unix ns>", "<line>"] or ["<unix ns>", "<line>", {metadata}]`);
  }
  if (typeof time !== 'string' || !UNIX_NANOS.test(time)) {
    throw new RejectError(400, `${path}[0]: timestamp must be a string of Unix nanoseconds, got ${JSON.stringify(time)}`);
  }
  return {
    timeUnixNano: BigInt(time),
    line: expectString(line, `${path}[1]`),
    labels,
    metadata: metadata === undefined ? {} : expectStringMap(metadata, `${path}[2]`),
  };
}
