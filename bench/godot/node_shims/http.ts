/** node:http for the double inside QuickJS: the benchmark's HTTPRequest never sends (see discard_http_request.ts). */
export function request(): never {
  throw new Error('no network in the benchmark');
}
