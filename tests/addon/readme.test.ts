import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const read = (path: string): string => readFileSync(new URL(`../../addons/game_tracker/${path}`, import.meta.url), 'utf8');

it('documents every init option the core accepts, plus the addon\'s own handle_quit and enabled', () => {
  const api = read('core/api.ts');
  const body = /export interface TrackerOptions \{([\s\S]*?)\n\}/.exec(api)?.[1] ?? '';
  const coreKeys = [...body.matchAll(/^ {2}(\w+)\?:/gm)].map((m) => m[1]);
  const readme = read('README.md');
  const start = readme.indexOf('## Options');
  const table = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const documented = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
  expect(coreKeys.length).toBeGreaterThan(10);
  expect(documented.sort()).toEqual([...coreKeys, 'handle_quit', 'enabled', 'engine_errors'].sort());
});

it('installs in four steps or fewer, from the release zip, with no npm packages (both READMEs)', () => {
  const root = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const readme of [read('README.md'), root]) {
    const start = readme.indexOf('## Install');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const steps = [...section.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
    expect(steps).toEqual([1, 2, 3, 4].slice(0, steps.length));
    expect(steps.length).toBeGreaterThan(1);
    expect(section).toContain('game_tracker-<version>.zip');
    expect(section).not.toMatch(/npm (install|i) /);
  }
});
