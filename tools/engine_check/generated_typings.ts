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
  const classes = new Map<string, SubsetModule>();
  const memberChecks: string[] = [];
  for (const file of readdirSync(path.join(repoRoot, SUBSET_DIR)).filter((name) => name.endsWith('.d.ts'))) {
    const text = readFileSync(path.join(repoRoot, SUBSET_DIR, file), 'utf8');
    // Only the module declarations are renamed: global declarations (console, timers) already come
    // from GodotJS's own static typings in the game, and would clash.
    const renamedModules: string[] = [];
    for (const module of SUBSET_MODULES) {
      const block = new RegExp(`declare module '${module.engine}' \\{[\\s\\S]*?\\n\\}`).exec(text)?.[0];
      if (block === undefined) continue;
      for (const match of block.matchAll(/^ {2}class (\w+)/gm)) classes.set(match[1] as string, module);
      renamedModules.push(
        block
          .replace(`declare module '${module.engine}'`, `declare module '${module.subset}'`)
          .replace(/from 'godot'/g, "from 'godot-subset'")
          .replace(/^( *)namespace (\w+) \{\n([\s\S]*?)^\1\}/gm, (_block: string, indent: string, owner: string, body: string) =>
            `${indent}namespace ${owner} {\n${body.replace(/^( *)enum (\w+) \{([^}]*)\}/gm, (_enum, enumIndent: string, name: string, members: string) => engineEnum(enumIndent, `${owner}.${name}`, name, members, memberChecks))}${indent}}`)
          .replace(/^( {2})enum (\w+) \{([^}]*)\}/gm, (_e, indent: string, name: string, members: string) => engineEnum(indent, name, name, members, memberChecks)),
      );
    }
    if (renamedModules.length > 0) writeFileSync(path.join(dir, file), renamedModules.join('\n'));
  }
  const names = [...classes.keys()].sort();
  const checks = names.map((name) => {
    const { engineAlias: g, subsetAlias: s } = classes.get(name) as SubsetModule;
    return [
      `declare const engine${name}: ${g}.${name};`,
      `export const instance${name}: ${s}.${name} = engine${name};`,
      `export const statics${name}: Statics<typeof ${s}.${name}> = ${g}.${name};`,
    ].join('\n');
  });
  writeFileSync(
    path.join(dir, 'compare.ts'),
    [
      ...SUBSET_MODULES.flatMap((m) => [`import * as ${m.engineAlias} from '${m.engine}';`, `import type * as ${m.subsetAlias} from '${m.subset}';`]),
      "type Statics<C> = { [K in keyof C as K extends 'prototype' ? never : K]: C[K] };",
      ...checks,
      ...memberChecks,
      '',
    ].join('\n'),
  );
  return names;
}

interface SubsetModule {
  /** The module as the engine's typings declare it, and the name the subset's copy is given. */
  readonly engine: string;
  readonly subset: string;
  readonly engineAlias: string;
  readonly subsetAlias: string;
}

/** The modules typings/godot_subset declares: Godot's API, and GodotJS's worker module. */
const SUBSET_MODULES: readonly SubsetModule[] = [
  { engine: 'godot', subset: 'godot-subset', engineAlias: 'G', subsetAlias: 'S' },
  { engine: 'godot.worker', subset: 'godot-worker-subset', engineAlias: 'GW', subsetAlias: 'SW' },
];

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
