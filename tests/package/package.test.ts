/**
 * The release zip (`npm run package`), read back by adm-zip (not the writer that made it, and checking
 * every entry's CRC), unpacked into an empty GodotJS project with no node_modules anywhere, compiled
 * by tsc with GodotJS's preset tsconfig, and its autoload loaded from that compiled output through the
 * Godot double: it starts silently and sends what the independent decoders accept.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SDK_VERSION } from '../../addons/game_tracker/core/version';
import { REPO_ROOT } from '../../tools/bundle';
import { ADDON_FOLDER, packageAddon } from '../../tools/package';
import { startFaultServer } from '../fault_servers/fault_server';
import type { FaultServer } from '../fault_servers/fault_server';
import * as godot from '../godot_double/godot';
import * as annotations from '../godot_double/godot_annotations';
import * as godotJsb from '../godot_double/godot_jsb';
import { engine } from '../godot_double/engine_state';
import { callFromGDScript, fromGDScript } from '../godot_double/gdscript';
import type { Node } from '../godot_double/node';
import { runFramesUntil } from '../addon/support/frames';
import { freshScene } from '../addon/support/scene';
import { checkLokiPushJson, decodeRemoteWrite } from '../support/oracles';
import { createGodotJsLoader, godotModuleLoader } from './support/godotjs_loader';
import type { GodotJsLoader } from './support/godotjs_loader';

interface ZipEntry {
  readonly entryName: string;
  readonly isDirectory: boolean;
  getData(): Buffer;
}
const AdmZip = createRequire(import.meta.url)('adm-zip') as new (file: string) => { getEntries(): ZipEntry[]; extractAllTo(dir: string): void };

/** GodotJS's "Install Project Files" tsconfig (facts §1.2): node16 CommonJS, es2022, no allowJs. */
const GODOTJS_PRESET_TSCONFIG = {
  compilerOptions: {
    target: 'es2022',
    module: 'node16',
    rootDir: './',
    outDir: '.godot/GodotJS',
    tsBuildInfoFile: '.godot/.tsbuildinfo',
    typeRoots: ['./node_modules/@types', './typings'],
    sourceMap: true,
    sourceRoot: '../../../',
    newLine: 'crlf',
    noEmitOnError: false,
    esModuleInterop: true,
    strict: true,
    skipLibCheck: true,
    incremental: true,
  },
};

const PATHS = { logs: '/loki/api/v1/push', metrics: '/api/v1/push' } as const;

let outDir: string;
let project: string;
let zipFile: string;
let entries: ZipEntry[];
let tscOutput: string;
let server: FaultServer;
let loader: GodotJsLoader;
const printed: string[] = [];

function gitListedAddonFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ADDON_FOLDER], { cwd: REPO_ROOT, encoding: 'utf8' });
  return listed.split('\n').filter((line) => line !== '' && existsSync(path.join(REPO_ROOT, line))).sort();
}

function ancestorsHaveNodeModules(dir: string): boolean {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'node_modules'))) return true;
    if (path.dirname(at) === at) return false;
  }
}

/** An empty GodotJS TypeScript project: project.godot, the preset files, the engine's typings (our subset stands in). */
function writeProjectSkeleton(dir: string): void {
  writeFileSync(path.join(dir, 'project.godot'), 'config_version=5\n\n[application]\n\nconfig/name="Packaged"\n');
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ devDependencies: { typescript: '^6.0.3' } }, null, 2)}\n`);
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(GODOTJS_PRESET_TSCONFIG, null, 2)}\n`);
  const typings = path.join(REPO_ROOT, 'typings/godot_subset');
  for (const file of readdirSync(typings)) cpSync(path.join(typings, file), path.join(dir, 'typings', file));
}

beforeAll(async () => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'gt-dist-'));
  project = mkdtempSync(path.join(os.tmpdir(), 'gt-game-'));
  zipFile = await packageAddon(outDir);
  entries = new AdmZip(zipFile).getEntries();
  writeProjectSkeleton(project);
  new AdmZip(zipFile).extractAllTo(project);
  const tsc = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
  tscOutput = execFileSync(process.execPath, [tsc, '-p', project], { cwd: project, encoding: 'utf8' });
  server = await startFaultServer({ kind: 'status', status: 204 }, { maxLifetimeMs: 30_000 });
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await server?.stop();
  for (const dir of [outDir, project]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the release package', () => {
  it('is named for the version package.json, plugin.cfg and the SDK agree on', () => {
    const pinned = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(pinned).toBe(SDK_VERSION);
    expect(path.basename(zipFile)).toBe(`game_tracker-${SDK_VERSION}.zip`);
  });

  it('holds exactly the addon folder, byte for byte, under addons/game_tracker/', () => {
    const files = entries.filter((e) => !e.isDirectory);
    expect(files.map((e) => e.entryName).sort()).toEqual(gitListedAddonFiles());
    for (const entry of files) expect(entry.getData().equals(readFileSync(path.join(REPO_ROOT, entry.entryName))), entry.entryName).toBe(true);
    for (const entry of entries) expect(entry.entryName.startsWith('addons/')).toBe(true);
  });

  it('carries plugin.cfg, the README and the LICENSE, and nothing a game must not get', () => {
    const names = entries.map((e) => e.entryName);
    for (const file of ['plugin.cfg', 'README.md', 'LICENSE', 'game_tracker.ts', 'plugin.ts', 'core/vendor/wire_codecs.ts']) {
      expect(names).toContain(`${ADDON_FOLDER}/${file}`);
    }
    const license = entries.find((e) => e.entryName === `${ADDON_FOLDER}/LICENSE`)!.getData().toString('utf8');
    expect(license).toBe(readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8'));
    expect(license).toMatch(/^MIT License/);
    expect(names.filter((n) => /(^|\/)(node_modules|tests?|typings|\.[^/]+)(\/|$)|\.test\.ts$|package(-lock)?\.json$/.test(n))).toEqual([]);
    // No icon: the plugin shows none (plugin.ts sets no icon, plugin.cfg names none).
    expect(names.filter((n) => /\.(svg|png)$/.test(n))).toEqual([]);
  });
});

describe('a game that unzipped it (GodotJS preset tsconfig, no node_modules)', () => {
  it('compiles with tsc as GodotJS runs it, without a diagnostic', () => {
    expect(ancestorsHaveNodeModules(project)).toBe(false);
    expect(tscOutput).toBe('');
    expect(existsSync(path.join(project, '.godot/GodotJS/addons/game_tracker/game_tracker.js'))).toBe(true);
  });

  it('loads the compiled autoload, starts silently and sends what the independent decoders accept', async () => {
    const consoleLines = ['log', 'info', 'warn', 'error', 'debug'].map((level) =>
      vi.spyOn(console, level as 'log').mockImplementation((...args: unknown[]) => void printed.push(`${level}: ${args.join(' ')}`)),
    );
    const { tree } = freshScene();
    loader = createGodotJsLoader(path.join(project, '.godot/GodotJS'), { godot: godotModuleLoader({ ...godot }), 'godot.annotations': annotations, 'godot-jsb': godotJsb });
    const TrackerClass = loader.load('addons/game_tracker/game_tracker')['default'] as new () => Node;
    const tracker = new TrackerClass();
    tree.root.add_child(tracker);
    const gd = (method: string, ...args: unknown[]): unknown => callFromGDScript(tracker, method, ...args);
    gd('init', fromGDScript({ endpoint: server.baseUrl, game: 'packaged_game', version: '3.1.0', environment: 'ci' }));
    gd('log_info', 'started from the zip', fromGDScript({ ok: true }));
    gd('increment', 'packaged_starts', fromGDScript({ source: 'zip' }));
    gd('flush');
    const bodies = (at: string) => server.accepted.filter((a) => a.path === at).map((a) => a.body);
    await runFramesUntil(tree, () => bodies(PATHS.logs).length > 0 && bodies(PATHS.metrics).length > 0);
    for (const spy of consoleLines) spy.mockRestore();

    expect(loader.unresolvedBareIds).toEqual([]);
    expect(loader.loadedFiles).toContain('addons/game_tracker/core/vendor/wire_codecs.js');
    expect(loader.loadedFiles.every((file) => file.startsWith(`${ADDON_FOLDER}/`))).toBe(true);
    expect({ printed, warnings: engine.warnings, errors: engine.scriptErrors }).toEqual({ printed: [], warnings: [], errors: [] });

    const series = decodeRemoteWrite(new Uint8Array(bodies(PATHS.metrics)[0]!)).timeseries;
    const starts = series.find((s) => s.labels.some((l) => l.name === '__name__' && l.value === 'packaged_starts_total'))!;
    expect(Object.fromEntries(starts.labels.map((l) => [l.name, l.value]))).toMatchObject({ env: 'ci', game: 'packaged_game', version: '3.1.0', source: 'zip' });
    expect(starts.samples[0]!.value).toBe(1);
    const streams = checkLokiPushJson(String(bodies(PATHS.logs)[0]));
    expect(streams.map((s) => s.stream)).toEqual([{ service_name: 'packaged_game', game: 'packaged_game', env: 'ci', level: 'info' }]);
  });
});
