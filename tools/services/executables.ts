import { accessSync, constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * An executable by name: on PATH first, then in Go's default install directory (`go install` puts
 * binaries in ~/go/bin, which is often not on PATH), then in `extraDirs`; null when none has it.
 */
export function findExecutable(name: string, extraDirs: readonly string[] = []): string | null {
  const pathDirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '');
  const goBin = process.env.GOBIN ?? path.join(process.env.GOPATH ?? path.join(os.homedir(), 'go'), 'bin');
  for (const dir of [...pathDirs, goBin, ...extraDirs]) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory; try the next.
    }
  }
  return null;
}
