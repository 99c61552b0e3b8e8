// snappyjs ships no types; the receiver and the tests use it directly (the addon uses its bundled copy). Block format.
declare module 'snappyjs' {
  export function compress(input: Uint8Array): Uint8Array;
  /** `maxLength` refuses input whose declared uncompressed size is larger. */
  export function uncompress(input: Uint8Array, maxLength?: number): Uint8Array;
}
