// File discovery walks each root once for all its patterns, and lists every file once.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverFiles, WALK_PATTERNS } from '../src/engine/discovery.js';
import { project, removeProjects } from './helpers/project.js';

afterAll(removeProjects);

describe('discoverFiles', () => {
  it("walks with patterns that all start with '**/': one walk serves them all, so it can skip fast-glob's de-duplication", () => {
    expect(WALK_PATTERNS.length).toBeGreaterThan(3);
    expect(WALK_PATTERNS.filter((pattern) => !pattern.startsWith('**/'))).toEqual([]);
  });

  it('lists each file once, as an absolute path below the root, config files with their format', () => {
    const root = project({
      'src/app.ts': '',
      'nginx/site.conf': '',
      'nginx/app.json': '{}',
      'deploy/app.yaml': '',
      '.gitignore': 'ignored.js\n',
      'ignored.js': '',
    });
    const { files, configFormats } = discoverFiles({ paths: [root, path.join(root, 'src')], cwd: root, ignore: [], includeTests: false });
    expect(files).toEqual(['deploy/app.yaml', 'nginx/app.json', 'nginx/site.conf', 'src/app.ts'].map((file) => path.join(root, file)));
    expect([...configFormats.keys()].sort()).toEqual(['deploy/app.yaml', 'nginx/app.json', 'nginx/site.conf'].map((file) => path.join(root, file)));
  });
});
