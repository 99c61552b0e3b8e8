/**
 * Snappy compression spread over frames. A forced 100-series push (~18 KB) takes 1.2-3.3 ms on
 * native QuickJS-NG, nearly all of it snappyjs (docs/benchmarks.md, "remote write, 100 series"): more
 * than a frame may spend on telemetry. So a timed push compresses its body one slice per tick, each slice sized to
 * the tick's share of time at this engine's measured snappy speed. Where snappy is fast (V8: ~20 µs
 * for the same body) the second slice is the rest of the body.
 *
 * Why slices may simply follow one another: a snappy block-format body is the uncompressed length
 * (a varint) and then literal and copy elements, each copy reaching back by an offset from the
 * current output position. A piece compressed on its own copies only from within itself, so the
 * element streams of consecutive pieces, under one total length, decompress to the pieces in order.
 * The price is that a slice cannot match text from earlier slices: a larger body, paid only on
 * engines slow enough to need slicing.
 */
import { compress } from '../wire_deps';

/**
 * The first slice, before the speed is known, and the least any slice takes: by the push figures
 * above 0.1-0.2 ms on native QuickJS-NG. Smaller slices would cost the body more size than they save
 * in time.
 */
const MIN_SLICE_BYTES = 1024;
/** The engine clocks tick in microseconds: a shorter timing is taken as this long. */
const MIN_TIMED_MS = 0.002;

/** Remembers how fast snappyjs runs on this engine, from the slices it has timed. */
export class SnappyPacer {
  private bytesPerMs = 0;

  constructor(private readonly nowMs: () => number) {}

  /** How many input bytes to compress in `budgetMs` (until measured: the minimum). */
  sliceBytes(budgetMs: number): number {
    return this.bytesPerMs === 0 ? MIN_SLICE_BYTES : Math.max(MIN_SLICE_BYTES, Math.floor(this.bytesPerMs * budgetMs));
  }

  /** snappyjs `compress`, timed. */
  compress(input: Uint8Array): Uint8Array {
    const start = this.nowMs();
    const output = compress(input);
    // Too quick to time (or a coarse clock): at least this fast.
    const speed = input.length / Math.max(MIN_TIMED_MS, this.nowMs() - start);
    this.bytesPerMs = this.bytesPerMs === 0 ? speed : 0.7 * this.bytesPerMs + 0.3 * speed;
    return output;
  }
}

/** Bytes of the leading varint (the uncompressed length) of a snappy body. */
function varintLength(body: Uint8Array): number {
  let i = 0;
  while (i < body.length && ((body[i] as number) & 0x80) !== 0) i++;
  return i + 1;
}

function writeVarint(value: number, out: Uint8Array, at: number): number {
  let v = value;
  while (v >= 0x80) {
    out[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[at++] = v;
  return at;
}

/** One body being compressed a slice at a time. */
export class SlicedSnappy {
  private offset = 0;
  private readonly pieces: Uint8Array[] = [];

  constructor(
    private readonly input: Uint8Array,
    private readonly pacer: SnappyPacer,
  ) {}

  /** Compresses the next slice, sized to take about `budgetMs`; true once all input is compressed. */
  step(budgetMs: number): boolean {
    if (this.offset >= this.input.length && this.pieces.length > 0) return true;
    const end = Math.min(this.input.length, this.offset + this.pacer.sliceBytes(budgetMs));
    this.pieces.push(this.pacer.compress(this.input.subarray(this.offset, end)));
    this.offset = end;
    return end >= this.input.length;
  }

  /** The snappy body; call after `step` returned true. */
  result(): Uint8Array {
    if (this.pieces.length === 1) return this.pieces[0] as Uint8Array;
    let size = 5;
    for (const piece of this.pieces) size += piece.length - varintLength(piece);
    const out = new Uint8Array(size);
    let at = writeVarint(this.input.length, out, 0);
    for (const piece of this.pieces) {
      const elements = piece.subarray(varintLength(piece));
      out.set(elements, at);
      at += elements.length;
    }
    return out.subarray(0, at);
  }
}
