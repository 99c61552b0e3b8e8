/**
 * The release package: `npm run package` → dist/game_tracker-<version>.zip, laid out as the Godot
 * Asset Library and a GitHub release expect: `addons/game_tracker/…` at the archive's root (Godot's
 * asset installer then copies it to res://addons/game_tracker/), with plugin.cfg, README.md and
 * LICENSE. It holds the addon folder and nothing else: no tests, no typings (a game has the engine's
 * own), no node_modules (the codecs are vendored inside the folder).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './bundle';
import { VENDOR_FILE, generateWireCodecs } from './vendor';
import { writeZip } from './zip_writer';
import type { ZipFile } from './zip_writer';

export const ADDON_FOLDER = 'addons/game_tracker';
export const DIST_DIR = path.join(REPO_ROOT, 'dist');

/** The version package.json and plugin.cfg both state; they must agree. */
export function releaseVersion(): string {
  const fromPackage = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const cfg = readFileSync(path.join(REPO_ROOT, ADDON_FOLDER, 'plugin.cfg'), 'utf8');
  const fromPlugin = /^version="([^"]*)"$/m.exec(cfg)?.[1];
  if (fromPlugin !== fromPackage) throw new Error(`package.json says ${fromPackage}, plugin.cfg says ${fromPlugin ?? 'nothing'}: keep them in step`);
  return fromPackage;
}

/** Every file of the addon folder, repository-relative with forward slashes; hidden files left out. */
export function addonFiles(dir: string = path.join(REPO_ROOT, ADDON_FOLDER)): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? addonFiles(full) : [path.relative(REPO_ROOT, full).split(path.sep).join('/')];
    })
    .sort();
}

/** Writes the zip into `outDir` (dist/ by default) and returns its path. */
export async function packageAddon(outDir: string = DIST_DIR): Promise<string> {
  if ((await generateWireCodecs()) !== readFileSync(VENDOR_FILE, 'utf8')) {
    throw new Error(`${path.relative(REPO_ROOT, VENDOR_FILE)} is not what package.json's versions generate: run npm run vendor`);
  }
  const files: ZipFile[] = addonFiles().map((file) => ({ path: file, data: readFileSync(path.join(REPO_ROOT, file)) }));
  mkdirSync(outDir, { recursive: true });
  const zip = path.join(outDir, `game_tracker-${releaseVersion()}.zip`);
  writeFileSync(zip, writeZip(files));
  return zip;
}

async function main(): Promise<void> {
  const zip = await packageAddon();
  console.log(`${path.relative(REPO_ROOT, zip)}: ${addonFiles().length} files`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
