import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * Loads a script the way GodotJS does: TypeScript's CommonJS output evaluated with a `require` that
 * knows only the given modules. Used for scripts with TC39 decorators (`@bind.tool()`), which tsc
 * lowers but vitest's transformer does not.
 */
export function loadCompiledScript(file: URL, modules: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string): unknown => {
    if (!(id in modules)) throw new Error(`can not load module '${id}'`);
    return modules[id];
  };
  new Function('exports', 'require', 'module', outputText)(module.exports, require, module);
  return module.exports;
}
