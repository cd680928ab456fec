import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file under `root`, as sorted relative paths with forward slashes. */
export function filesUnder(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir))
    .sort()
    .flatMap((name) => {
      const relative = dir === '' ? name : `${dir}/${name}`;
      return statSync(path.join(root, relative)).isDirectory() ? filesUnder(root, relative) : [relative];
    });
}
