import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.godot/', 'coverage/', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "ExportAllDeclaration", message: 'Use explicit named exports.' }],
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The engine seam: only addons/game_tracker/godot/ and the addon's top-level scripts talk to Godot.
    files: ['addons/game_tracker/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['godot', 'godot.*', 'godot-jsb', 'node:*'] }],
      'no-restricted-globals': ['error', 'fetch', 'TextEncoder', 'TextDecoder', 'Buffer', 'crypto', 'performance', 'console', 'setTimeout', 'setInterval', 'process', 'structuredClone', 'queueMicrotask'],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Use explicit named exports.' },
        { selector: "CallExpression[callee.property.name='only']", message: 'No .only in tests.' },
      ],
    },
  },
);
