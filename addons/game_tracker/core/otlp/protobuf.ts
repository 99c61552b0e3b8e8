/**
 * The one place the OTLP encoders take protobufjs from: its minimal runtime `Writer` (reflection does
 * not load inside GodotJS). The UTF-8 polyfill must load first (see polyfills/utf8_decoder.ts).
 */
import '../polyfills/utf8_decoder';

export { Writer } from 'protobufjs/minimal';
