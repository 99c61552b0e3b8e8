import { Crypto } from 'godot';
import type { RandomSource } from '../core/ports';

/**
 * Random bytes from Godot's Crypto (the mbedTLS CSPRNG). The core loops until it gets `count` bytes
 * that are not all zero, so a missing Crypto (custom builds without mbedTLS) or a short read is topped
 * up from Math.random rather than returned short.
 */
export function createGodotRandom(): RandomSource {
  const crypto = createCrypto();
  return {
    bytes(count) {
      const bytes = new Uint8Array(count);
      const strong = crypto === null ? new Uint8Array(0) : readCrypto(crypto, count);
      bytes.set(strong.subarray(0, count));
      for (let i = strong.length; i < count; i++) bytes[i] = Math.floor(Math.random() * 256);
      return bytes;
    },
  };
}

function createCrypto(): Crypto | null {
  try {
    return new Crypto();
  } catch {
    return null;
  }
}

function readCrypto(godotCrypto: Crypto, count: number): Uint8Array {
  try {
    return new Uint8Array(godotCrypto.generate_random_bytes(count).to_array_buffer());
  } catch {
    return new Uint8Array(0);
  }
}
