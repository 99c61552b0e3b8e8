/**
 * Builds the addon's engine-agnostic runtime (addons/game_tracker/core, with its vendored codecs from
 * protobufjs/minimal and snappyjs) into one CommonJS file that a bare JS engine can evaluate: no Node
 * built-ins, no host globals beyond what GodotJS provides. The QuickJS test and the QuickJS benchmarks
 * use it; nothing generated here is committed.
 *
 *   npm run bundle            → .cache/bundles/game_tracker_core.cjs (to inspect or to run in qjs)
 *
 * In code, `bundleForEngine(entry)` returns the text without touching the disk.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORE_ENTRY = path.join(REPO_ROOT, 'addons/game_tracker/core/tracker.ts');
export const BUNDLE_DIR = path.join(REPO_ROOT, '.cache/bundles');

export interface EngineBundle {
  readonly code: string;
  /** Input files, repository-relative, to show what went in. */
  readonly inputs: readonly string[];
}

/**
 * `platform: 'neutral'` resolves no Node built-ins: an import of `fs`, `buffer` or the like fails
 * the build instead of failing in the engine. The core's output has no `require` left at all.
 */
export async function bundleForEngine(
  entry: string = CORE_ENTRY,
  external: readonly string[] = [],
  alias: Readonly<Record<string, string>> = {},
): Promise<EngineBundle> {
  const result = await build({
    entryPoints: [entry],
    // Modules the engine's own `require` serves at run time (e.g. the runtime bundle, for a script that uses it).
    external: [...external],
    // Modules replaced by files of ours (e.g. "godot" by the Godot double, for the autoload benchmark).
    alias: { ...alias },
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['main', 'module'],
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: REPO_ROOT,
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild produced no output for ${entry}`);
  return { code: output.text, inputs: Object.keys(result.metafile.inputs) };
}

async function main(): Promise<void> {
  mkdirSync(BUNDLE_DIR, { recursive: true });
  const bundle = await bundleForEngine();
  const file = path.join(BUNDLE_DIR, 'game_tracker_core.cjs');
  writeFileSync(file, bundle.code);
  const packages = [...new Set(bundle.inputs.filter((i) => i.startsWith('node_modules/')).map((i) => i.split('/')[1]))];
  console.log(`${path.relative(REPO_ROOT, file)}: ${bundle.code.length} bytes, ${bundle.inputs.length} modules (npm: ${packages.length === 0 ? 'none, the codecs are vendored' : packages.join(', ')})`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
