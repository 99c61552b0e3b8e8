/**
 * Loads tsc's CommonJS output the way GodotJS's module resolver does (facts §7): each file wrapped as
 * `(exports, require, module, __filename, __dirname)`; a relative id resolves against the requiring
 * file's compiled path and tries `x`, `x.js`, `x.cjs`, `x.mjs`, `x.json`, `x/index.js`; the engine's
 * own modules ("godot", "godot.annotations", "godot-jsb") come from the Godot double. Any other bare
 * id is where GodotJS would walk up every folder for a node_modules (one resolver warning each): this
 * loader records it and fails, as the engine does when nothing matches. "godot" is handed out as GodotJS
 * does, a loader proxy that throws for any name the engine has no class for, `__esModule` included
 * (so `import * as godot from 'godot'`, whose interop helper reads it, fails here as in the engine).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface GodotJsLoader {
  /** Requires a compiled module by its path under the out dir, e.g. "addons/game_tracker/game_tracker". */
  load(id: string): Record<string, unknown>;
  /** Bare ids that were not engine modules: each would have made GodotJS search node_modules folders. */
  readonly unresolvedBareIds: string[];
  /** Compiled files loaded, relative to the out dir. */
  readonly loadedFiles: string[];
}

const CANDIDATE_SUFFIXES = ['', '.js', '.cjs', '.mjs', '.json', '/index.js'];

/** GodotJS's "godot" module: its proxy's `get` loads a type by name and throws when there is none. */
export function godotModuleLoader(godot: Record<string, unknown>): Record<string, unknown> {
  return new Proxy(godot, {
    get(target, name) {
      if (typeof name === 'string' && !Object.hasOwn(target, name)) throw new Error(`godot class not found '${name}'`);
      return Reflect.get(target, name);
    },
  });
}

export function createGodotJsLoader(outDir: string, engineModules: Readonly<Record<string, unknown>>): GodotJsLoader {
  const cache = new Map<string, { exports: Record<string, unknown> }>();
  const unresolvedBareIds: string[] = [];
  const loadedFiles: string[] = [];

  const resolveFile = (base: string, id: string): string => {
    for (const suffix of CANDIDATE_SUFFIXES) {
      const candidate = base + suffix;
      if (candidate.startsWith(outDir + path.sep) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    throw new Error(`can not load module '${id}'`);
  };

  const evaluate = (file: string): Record<string, unknown> => {
    const cached = cache.get(file);
    if (cached !== undefined) return cached.exports;
    const module = { exports: {} as Record<string, unknown> };
    cache.set(file, module);
    loadedFiles.push(path.relative(outDir, file).split(path.sep).join('/'));
    if (file.endsWith('.json')) {
      module.exports = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      return module.exports;
    }
    const requireFrom = (id: string): unknown => {
      if (id.startsWith('./') || id.startsWith('../')) return evaluate(resolveFile(path.resolve(path.dirname(file), id), id));
      if (Object.hasOwn(engineModules, id)) return engineModules[id];
      unresolvedBareIds.push(id);
      throw new Error(`can not load module '${id}' (with parent '${file}')`);
    };
    const wrapped = new Function('exports', 'require', 'module', '__filename', '__dirname', readFileSync(file, 'utf8'));
    wrapped(module.exports, requireFrom, module, file, path.dirname(file));
    return module.exports;
  };

  return {
    load: (id) => evaluate(resolveFile(path.join(outDir, id), id)),
    unresolvedBareIds,
    loadedFiles,
  };
}
