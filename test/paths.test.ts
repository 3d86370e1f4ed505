// toDisplayPath cuts the working directory off a path below it instead of calling path.relative;
// the answer must be path.relative's, whatever the path looks like.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toDisplayPath, toProjectPath } from '../src/engine/paths.js';

const byRelative = (absolute: string, cwd: string): string => {
  const relative = path.relative(cwd, absolute);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative).split(path.sep).join('/');
};

describe('toDisplayPath', () => {
  const cwd = path.resolve('/srv/shop');
  const below = ['src/app.js', 'src/routes/users.ts', '.env.js', 'a..b/c.js', 'b/...js', 'src/.hidden/x.js'];
  const odd = ['src//app.js', 'src/./app.js', 'src/../app.js', 'src/', '', '..', '../other/x.js', './x.js'];

  it('gives what path.relative gives, for plain and unnormalised paths below the folder and outside it', () => {
    for (const rest of [...below, ...odd]) {
      const absolute = `${cwd}${path.sep}${rest}`;
      expect([rest, toDisplayPath(absolute, cwd)]).toEqual([rest, byRelative(absolute, cwd)]);
    }
    for (const absolute of [path.resolve('/srv/shopfront/x.js'), path.resolve('/srv'), cwd, path.resolve('/elsewhere/x.js')]) {
      expect([absolute, toDisplayPath(absolute, cwd)]).toEqual([absolute, byRelative(absolute, cwd)]);
    }
    expect(toDisplayPath(path.resolve('/srv/shop/src/app.js'), path.resolve('/'))).toBe(byRelative(path.resolve('/srv/shop/src/app.js'), path.resolve('/')));
  });

  it('names plain files below the folder with forward slashes', () => {
    expect(toDisplayPath(path.join(cwd, 'src', 'routes', 'users.ts'), cwd)).toBe('src/routes/users.ts');
    expect(toProjectPath('src/app.js', path.join(cwd, 'packages'), cwd)).toBe('packages/src/app.js');
  });
});
