/**
 * The addon's bundled codecs (core/vendor/wire_codecs.ts): generated from the pinned packages, never
 * stale, free of run-time `require`s, typed like the packages, and the only way the addon reaches them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Writer as UpstreamWriter } from 'protobufjs/minimal';
import { compress as upstreamCompress, uncompress } from 'snappyjs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { Writer, compress } from '../../addons/game_tracker/core/wire_deps';
import type { Writer as BundledWriter, WriterStatic } from '../../addons/game_tracker/core/wire_deps';
import { REPO_ROOT } from '../../tools/bundle';
import { VENDORED_PACKAGES, VENDOR_FILE, generateWireCodecs } from '../../tools/vendor';

const ADDON_DIR = path.join(REPO_ROOT, 'addons/game_tracker');

// Compile-time: our restatement of protobufjs's Writer and protobufjs's own declaration agree both ways.
type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const instanceTypesAgree: Agree<BundledWriter, UpstreamWriter> = true;
const staticSideFits: WriterStatic = UpstreamWriter;

function addonSources(dir: string = ADDON_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return addonSources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Module ids a file imports, re-exports or requires, as TypeScript's own scanner finds them. */
function importedIds(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

describe('the bundled wire codecs', () => {
  it('are exactly what `npm run vendor` generates from the installed, pinned packages', async () => {
    expect(await generateWireCodecs()).toBe(readFileSync(VENDOR_FILE, 'utf8'));
    const pinned = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const header = readFileSync(VENDOR_FILE, 'utf8').slice(0, 600);
    for (const name of VENDORED_PACKAGES) expect(header).toContain(`${name} ${pinned.dependencies[name]}`);
  });

  it('leave nothing for the engine to resolve: no require call, `long` answered as absent at build time', () => {
    const code = readFileSync(VENDOR_FILE, 'utf8');
    expect(code).not.toMatch(/(?<![\w$])require\s*\(/);
    expect(code).not.toContain('node_modules/long/');
    expect(code).toMatch(/"absent:long"\(exports, module\) \{\s*module\.exports = null;/);
  });

  it('write the same protobuf bytes as protobufjs itself', () => {
    const write = (w: BundledWriter | UpstreamWriter) =>
      w.uint32(10).fork().uint32(10).string('ünï ✓').uint32(17).double(0.1).uint32(16).int64(1_764_590_000_123).ldelim().finish();
    expect(instanceTypesAgree && staticSideFits !== undefined).toBe(true);
    expect(Array.from(write(Writer.create()))).toEqual(Array.from(write(UpstreamWriter.create())));
  });

  it('compress to snappy block format that snappyjs decompresses, as snappyjs itself does', () => {
    const input = new TextEncoder().encode('game=demo env=ci __name__=frame_ms_bucket le=16.7 '.repeat(200));
    const body = compress(input);
    expect(body.length).toBeLessThan(input.length / 5);
    expect(Buffer.from(uncompress(body)).equals(Buffer.from(input))).toBe(true);
    expect(Buffer.from(body).equals(Buffer.from(upstreamCompress(input)))).toBe(true);
  });

  it('are reached only through core/wire_deps.ts; no addon file imports anything from outside the addon', () => {
    const godotModules = new Set(['godot', 'godot.annotations', 'godot-jsb']);
    const offenders: string[] = [];
    for (const file of addonSources()) {
      if (file === VENDOR_FILE) continue;
      const relative = path.relative(ADDON_DIR, file);
      for (const id of importedIds(readFileSync(file, 'utf8'))) {
        const local = id.startsWith('./') || id.startsWith('../');
        if (!local && !godotModules.has(id)) offenders.push(`${relative}: ${id}`);
        if (local && /(^|\/)vendor\//.test(id) && relative !== path.join('core', 'wire_deps.ts')) offenders.push(`${relative}: ${id}`);
        if (local && !path.resolve(path.dirname(file), id).startsWith(ADDON_DIR + path.sep)) offenders.push(`${relative}: ${id}`);
      }
    }
    expect(offenders).toEqual([]);
    expect(importedIds(readFileSync(path.join(ADDON_DIR, 'core/wire_deps.ts'), 'utf8'))).toEqual(['./vendor/wire_codecs']);
  });

  it('the bundled codecs read no host global that GodotJS lacks (they are answered when the bundle is built)', () => {
    const code = readFileSync(VENDOR_FILE, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '')
      .replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (const name of ['TextDecoder', 'TextEncoder', 'Buffer', 'process', 'global', 'globalThis', 'window', 'self', 'require']) {
      // A global is read as a bare identifier: not after a dot (a property), not as part of a longer name.
      expect(code.match(new RegExp(`(?<![.\\w$])${name}(?![\\w$])`, 'g')) ?? [], name).toEqual([]);
    }
  });
});
