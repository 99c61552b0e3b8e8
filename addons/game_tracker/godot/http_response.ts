import { HTTPRequest } from 'godot';
import type { PackedByteArray, PackedStringArray } from 'godot';
import type { HttpResponse } from '../core/ports';

/** Enough of an error body to explain a refusal in a warning, not enough to flood the output. */
const MAX_ERROR_BODY_CHARS = 300;

/** Maps HTTPRequest's `request_completed(result, response_code, headers, body)` to the core's response. */
export function toHttpResponse(
  result: number,
  status: number,
  headers: PackedStringArray,
  body: PackedByteArray,
): HttpResponse {
  if (result !== HTTPRequest.Result.RESULT_SUCCESS) {
    return { status: 0, headers: {}, error: `no response: ${resultName(result)}` };
  }
  const response = { status, headers: headerRecord(headers) };
  return status >= 200 && status < 300 ? response : { ...response, error: errorBodyStart(body) };
}

/** `Name: value` lines to a record with lower-case names; repeated headers are joined as HTTP allows. */
export function headerRecord(lines: PackedStringArray): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i < lines.size(); i++) {
    const line = lines.get(i);
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    record[name] = name in record ? `${record[name]}, ${value}` : value;
  }
  return record;
}

function errorBodyStart(body: PackedByteArray): string {
  const text = body.size() > 0 ? body.get_string_from_utf8() : '';
  return text.length > MAX_ERROR_BODY_CHARS ? `${text.slice(0, MAX_ERROR_BODY_CHARS)}…` : text;
}

/** The enum member's name (RESULT_TIMEOUT, RESULT_CANT_CONNECT…), or the number if it is unknown. */
function resultName(result: number): string {
  const entry = Object.entries(HTTPRequest.Result).find(([, value]) => value === result);
  return entry === undefined ? `HTTPRequest result ${result}` : entry[0];
}
