/**
 * What a game sees when it compiles the addon: a fresh GodotJS project holding only the addon
 * folder, the typings its own editor generates (`--generate-types`), and GodotJS's tsconfig shape.
 * Also compares typings/godot_subset/ (our hand-written subset, which CI compiles against) with the
 * generated typings: every class the subset declares must be satisfied by the engine's class of the
 * same name, instance and static side, so the subset can never promise more than the engine has.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runGodot } from './godot_process';
import type { GodotRun } from './godot_process';

export interface TypingsCheck {
  readonly generate: GodotRun;
  /** Files the editor wrote under typings/. */
  readonly generatedFiles: readonly string[];
  /** tsc's error lines for the addon compiled against the generated typings. */
  readonly addonErrors: readonly string[];
  /** tsc's error lines for the subset compared with the generated typings. */
  readonly subsetErrors: readonly string[];
  /** The classes the subset declares, all compared. */
  readonly subsetClasses: readonly string[];
}

const SUBSET_DIR = 'typings/godot_subset';

export async function checkGeneratedTypings(godot: string, repoRoot: string): Promise<TypingsCheck> {
  const game = mkdtempSync(path.join(tmpdir(), 'gametracker-fresh-game-'));
  try {
    writeFileSync(path.join(game, 'project.godot'), FRESH_PROJECT);
    cpSync(path.join(repoRoot, 'addons/game_tracker'), path.join(game, 'addons/game_tracker'), { recursive: true });
    const generate = await runGodot(godot, ['--headless', '--editor', '--generate-types', '--path', game], { cwd: game, timeoutS: 180 });
    const typingsDir = path.join(game, 'typings');
    const generatedFiles = safeList(typingsDir).filter((file) => file.endsWith('.d.ts'));
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
    writeFileSync(path.join(game, 'tsconfig.json'), JSON.stringify(gameTsconfig(['addons/**/*.ts', 'typings/**/*.d.ts']), null, 2));
    const addonErrors = tscErrors(tsc, game);

    const subsetClasses = writeSubsetComparison(repoRoot, game);
    writeFileSync(path.join(game, 'tsconfig.json'), JSON.stringify(gameTsconfig(['subset_check/**/*.ts', 'typings/**/*.d.ts']), null, 2));
    const subsetErrors = tscErrors(tsc, game);
    return { generate, generatedFiles, addonErrors, subsetErrors, subsetClasses };
  } finally {
    rmSync(game, { recursive: true, force: true });
  }
}

/** A new project with the addon enabled, as a game has it after step 3 of the install. */
const FRESH_PROJECT = `config_version=5

[application]
config/name="GameTracker fresh game"

[autoload]
GameTracker="*res://addons/game_tracker/game_tracker.ts"

[editor_plugins]
enabled=PackedStringArray("res://addons/game_tracker/plugin.cfg")
`;

/** The compiler options GodotJS's project preset writes (its tsconfig.json.txt), without emitting. */
function gameTsconfig(include: readonly string[]): object {
  return {
    compilerOptions: {
      target: 'es2022',
      module: 'node16',
      moduleResolution: 'node16',
      strict: true,
      noEmit: true,
      experimentalDecorators: false,
      types: [],
      typeRoots: ['./typings'],
    },
    include,
  };
}

function tscErrors(tsc: string, project: string): string[] {
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(project, 'tsconfig.json'), '--pretty', 'false'], { cwd: project, encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
}

/**
 * The subset rewritten as module `godot-subset` (so both can be loaded at once) and one check file:
 * for each class, an engine instance must be assignable to the subset's instance type and the engine's
 * statics to the subset's statics.
 */
function writeSubsetComparison(repoRoot: string, game: string): string[] {
  const dir = path.join(game, 'subset_check');
  mkdirSync(dir, { recursive: true });
  const classes = new Set<string>();
  for (const file of readdirSync(path.join(repoRoot, SUBSET_DIR)).filter((name) => name.endsWith('.d.ts'))) {
    const text = readFileSync(path.join(repoRoot, SUBSET_DIR, file), 'utf8');
    for (const match of text.matchAll(/^ {2}class (\w+)/gm)) classes.add(match[1] as string);
    // Only the module declaration is renamed: global declarations (console, timers) already come
    // from GodotJS's own static typings in the game, and would clash.
    const moduleOnly = /declare module 'godot' \{[\s\S]*\n\}/.exec(text)?.[0];
    if (moduleOnly !== undefined) writeFileSync(path.join(dir, file), moduleOnly.replace("declare module 'godot'", "declare module 'godot-subset'").replace(/from 'godot'/g, "from 'godot-subset'"));
  }
  const names = [...classes].sort();
  const checks = names.map((name) =>
    [
      `declare const engine${name}: G.${name};`,
      `export const instance${name}: S.${name} = engine${name};`,
      `export const statics${name}: Statics<typeof S.${name}> = G.${name};`,
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'compare.ts'),
    [
      "import * as G from 'godot';",
      "import type * as S from 'godot-subset';",
      "type Statics<C> = { [K in keyof C as K extends 'prototype' ? never : K]: C[K] };",
      ...checks,
      '',
    ].join('\n'),
  );
  return names;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
