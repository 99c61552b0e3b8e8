// snappyjs ships no types. Block-format snappy (not framed), as Prometheus remote write requires.
declare module 'snappyjs' {
  export function compress(input: Uint8Array): Uint8Array;
  /** `maxLength` refuses input whose declared uncompressed size is larger. */
  export function uncompress(input: Uint8Array, maxLength?: number): Uint8Array;
}
