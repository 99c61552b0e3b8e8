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
    // Parameters compare both ways: a subset class passed in (a Callable's PackedStringArray argument)
    // has fewer members than the engine's, which is what a subset is, not a difference.
    writeFileSync(path.join(game, 'tsconfig.json'), JSON.stringify(gameTsconfig(['subset_check/**/*.ts', 'typings/**/*.d.ts'], { strictFunctionTypes: false }), null, 2));
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

/**
 * The compiler options GodotJS's project preset writes (scripts/presets/tsconfig.json.txt: no `lib`,
 * `strict`, `skipLibCheck`, `esModuleInterop`), without emitting.
 */
function gameTsconfig(include: readonly string[], extra: Record<string, unknown> = {}): object {
  return {
    compilerOptions: {
      ...extra,
      target: 'es2022',
      module: 'node16',
      rootDir: './',
      typeRoots: ['./typings'],
      esModuleInterop: true,
      forceConsistentCasingInFileNames: true,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include,
  };
}

/** Each error with the lines of explanation tsc indents under it, joined into one entry. */
function tscErrors(tsc: string, project: string): string[] {
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(project, 'tsconfig.json'), '--pretty', 'false'], { cwd: project, encoding: 'utf8' });
  const errors: string[] = [];
  for (const line of `${result.stdout}${result.stderr}`.split('\n')) {
    if (/error TS\d+/.test(line)) errors.push(line);
    else if (line.startsWith('  ') && errors.length > 0) errors[errors.length - 1] += `\n    ${line.trim()}`;
  }
  return errors;
}

/**
 * The subset rewritten as module `godot-subset` (so both can be loaded at once) and one check file:
 * for each class, an engine instance must be assignable to the subset's instance type and the engine's
 * statics to the subset's statics. An enum of the subset may list fewer members than the engine's: it
 * is replaced by the engine's own enum in the rewritten module, and each member it lists is checked to
 * exist in the engine's with the same value.
 */
function writeSubsetComparison(repoRoot: string, game: string): string[] {
  const dir = path.join(game, 'subset_check');
  mkdirSync(dir, { recursive: true });
  const classes = new Set<string>();
  const memberChecks: string[] = [];
  for (const file of readdirSync(path.join(repoRoot, SUBSET_DIR)).filter((name) => name.endsWith('.d.ts'))) {
    const text = readFileSync(path.join(repoRoot, SUBSET_DIR, file), 'utf8');
    for (const match of text.matchAll(/^ {2}class (\w+)/gm)) classes.add(match[1] as string);
    // Only the module declaration is renamed: global declarations (console, timers) already come
    // from GodotJS's own static typings in the game, and would clash.
    const moduleOnly = /declare module 'godot' \{[\s\S]*\n\}/.exec(text)?.[0];
    if (moduleOnly === undefined) continue;
    const renamed = moduleOnly
      .replace("declare module 'godot'", "declare module 'godot-subset'")
      .replace(/from 'godot'/g, "from 'godot-subset'")
      .replace(/^( *)namespace (\w+) \{\n([\s\S]*?)^\1\}/gm, (_block: string, indent: string, owner: string, body: string) =>
        `${indent}namespace ${owner} {\n${body.replace(/^( *)enum (\w+) \{([^}]*)\}/gm, (_enum, enumIndent: string, name: string, members: string) => engineEnum(enumIndent, `${owner}.${name}`, name, members, memberChecks))}${indent}}`)
      .replace(/^( {2})enum (\w+) \{([^}]*)\}/gm, (_e, indent: string, name: string, members: string) => engineEnum(indent, name, name, members, memberChecks));
    writeFileSync(path.join(dir, file), renamed);
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
      ...memberChecks,
      '',
    ].join('\n'),
  );
  return names;
}

/** The engine's enum in place of the subset's, and a check per listed member: same name, same value. */
function engineEnum(indent: string, qualified: string, name: string, members: string, checks: string[]): string {
  for (const [, member, value] of members.matchAll(/(\w+) = (-?\d+)/g)) {
    checks.push(`export const ${qualified.replace('.', '_')}_${member}: ${value} = G.${qualified}.${member};`);
  }
  return `${indent}type ${name} = import('godot').${qualified};\n${indent}const ${name}: typeof import('godot').${qualified};`;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
