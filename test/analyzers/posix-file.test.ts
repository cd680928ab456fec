import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { posixFile } from '../../src/analyzers/inventory/posix-file.js';

describe('posixFile', () => {
  it('is path.posix.normalize of the path with forward slashes, taking the shortcut only where that changes nothing', () => {
    const paths = ['a/b.yaml', 'a\\b\\c.yaml', './a.yaml', 'a/./b.yaml', 'a/../b.yaml', 'a//b.yaml', '../x.yaml', '.', '..', '', '/abs/x.yaml', 'a/b/', 'a/.hidden.yaml', 'a/..b.yaml', 'a/b..', '.a/b', 'a\\..\\b'];
    for (const file of paths) expect(posixFile(file), file).toBe(path.posix.normalize(file.replaceAll('\\', '/')));
  });
});
