/**
 * GodotJS converts only a whole ArrayBuffer to a PackedByteArray (a Uint8Array throws), and encoders
 * such as protobufjs return views into a larger pooled buffer: hand Godot exactly the view's bytes.
 */
export function exactArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = bytes;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return buffer;
  // ArrayBuffer#slice always copies; a subclass's own slice() may not (Node's Buffer returns a view).
  return buffer instanceof ArrayBuffer ? buffer.slice(byteOffset, byteOffset + byteLength) : new Uint8Array(bytes).buffer;
}
