/** node:crypto for the double inside QuickJS: random bytes for the Crypto double (ids only; not for secrets). */
export function randomBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count);
  for (let i = 0; i < count; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}
