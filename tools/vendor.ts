/**
 * Generates addons/game_tracker/core/vendor/wire_codecs.ts: what the addon uses of its npm
 * dependencies (protobufjs's `Writer`, snappyjs's `compress`), bundled by esbuild into one
 * TypeScript module that GodotJS compiles with the rest of the addon. The addon then resolves nothing
 * outside its own folder: no `res://node_modules`, no resolver warnings, nothing to pack by hand.
 *
 *   npm run vendor    → rewrites the module from the versions installed (package.json pins them)
 *
 * The output is committed, so a game copying the folder needs no npm at all; a test regenerates it
 * and requires byte-identical text, so it never drifts from package.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { REPO_ROOT } from './bundle';

export const VENDOR_FILE = path.join(REPO_ROOT, 'addons/game_tracker/core/vendor/wire_codecs.ts');
/** The packages bundled, whose versions and licences the header records. */
export const VENDORED_PACKAGES = ['protobufjs', 'snappyjs'] as const;

/**
 * protobufjs's `Writer` module, not `protobufjs/minimal`: the minimal entry also loads the Reader, the
 * Node-`Buffer` Writer and Reader, rpc and roots, none of which the addon uses (it only encodes), and
 * its `configure()` only hands the Writer a Node-`Buffer` variant the bundle never picks (`util.Buffer`
 * is null, see HOST_GLOBALS).
 */
const ENTRY = [
  "import Writer from 'protobufjs/src/writer';",
  "export { Writer };",
  "export { compress } from 'snappyjs';",
].join('\n');

/**
 * protobufjs probes for the optional `long` package inside a try/catch when it loads. Bundled for
 * real, `long` adds 40 kB the addon never uses (it writes 64-bit fields from numbers); left as a
 * run-time `require`, GodotJS prints "can not load module" errors for it. So it is answered here, at
 * build time, with "not installed", which protobufjs already handles.
 */
const ABSENT_LONG: Plugin = {
  name: 'absent-long',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^long$/ }, () => ({ path: 'long', namespace: 'absent' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'absent' }, () => ({ contents: 'module.exports = null;', loader: 'js' }));
  },
};

/**
 * The host globals the packages probe, answered at build time so that the bundle reads none of them
 * (GodotJS has no `TextDecoder`, `Buffer` or `process`, and the addon installs no globals): protobufjs
 * gets our UTF-8 decoder for `TextDecoder`, and its environment probe (`global`, `window`, `self`,
 * `globalThis`) finds nothing and falls back to its own exports, so `util.Buffer` is null and the
 * Writer writes into plain Uint8Arrays on every host, Node included; snappyjs's `isNode()` reads `process` as undefined, so it never touches
 * `Buffer`.
 */
const HOST_GLOBALS: Record<string, string> = {
  TextDecoder: 'Utf8Decoder',
  Buffer: 'undefined',
  process: 'undefined',
  global: 'undefined',
  window: 'undefined',
  self: 'undefined',
  globalThis: 'undefined',
};

function packageJson(name: string): { version: string; license: string } {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string; license: string };
}

/** The licences travel with the code they cover (protobufjs's BSD licence requires it). */
function licenceBlock(name: string): string {
  const text = readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'LICENSE'), 'utf8').trim();
  const { version, license } = packageJson(name);
  return [`${name} ${version} (${license}):`, '', ...text.split(/\r?\n/)].map((line) => ` *${line === '' ? '' : ` ${line}`}`).join('\n');
}

function header(): string {
  const versions = VENDORED_PACKAGES.map((name) => `${name} ${packageJson(name).version}`).join(', ');
  return [
    '// @ts-nocheck',
    '/*',
    ' * GENERATED FILE, DO NOT EDIT. Regenerate with `npm run vendor` (tools/vendor.ts).',
    ` * Bundled by esbuild ${packageJson('esbuild').version} from ${versions}, the versions package.json pins:`,
    ' * protobufjs `Writer` (src/writer.js) and snappyjs `compress`, nothing else; no host globals are read (see',
    ' * HOST_GLOBALS in tools/vendor.ts). Import them through core/wire_deps.ts, which types them.',
    ' *',
    ...VENDORED_PACKAGES.map(licenceBlock).flatMap((block) => [block, ' *']),
    ' */',
    '',
    "import { Utf8Decoder } from './utf8_decoder';",
    '',
  ].join('\n');
}

/** The module's full text, built in memory. */
export async function generateWireCodecs(): Promise<string> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: REPO_ROOT, sourcefile: 'wire_codecs_entry.ts', loader: 'ts' },
    bundle: true,
    // ESM out, so that tsc sees a module and emits CommonJS `exports` for GodotJS like any addon file.
    format: 'esm',
    // No Node built-ins resolve: an import of one fails here rather than in the engine.
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['main', 'module'],
    plugins: [ABSENT_LONG],
    define: HOST_GLOBALS,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
    absWorkingDir: REPO_ROOT,
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no output for the wire codecs');
  return header() + output.text;
}

async function main(): Promise<void> {
  const text = await generateWireCodecs();
  writeFileSync(VENDOR_FILE, text);
  console.log(`${path.relative(REPO_ROOT, VENDOR_FILE)}: ${text.length} characters`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
