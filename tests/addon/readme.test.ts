import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const read = (path: string): string => readFileSync(new URL(`../../addons/game_tracker/${path}`, import.meta.url), 'utf8');

it('documents every init option the core accepts, plus the addon\'s own handle_quit', () => {
  const api = read('core/api.ts');
  const body = /export interface TrackerOptions \{([\s\S]*?)\n\}/.exec(api)?.[1] ?? '';
  const coreKeys = [...body.matchAll(/^ {2}(\w+)\?:/gm)].map((m) => m[1]);
  const readme = read('README.md');
  const table = readme.slice(readme.indexOf('## Options'), readme.indexOf('## Quitting'));
  const documented = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
  expect(coreKeys.length).toBeGreaterThan(10);
  expect(documented.sort()).toEqual([...coreKeys, 'handle_quit'].sort());
});
