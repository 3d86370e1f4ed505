// The one generic test: every rule over every file of its fixture folder, compared exactly with
// the annotations in those files.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import type { AuditResult } from '../src/types.js';
import { rules } from '../rules/index.js';
import { compareWithAnnotations, readAnnotations } from './annotations.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const SOURCE = /\.(js|cjs|mjs|jsx|ts|cts|mts|tsx|ya?ml|tf|toml|cfg|conf)$/;

function listFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

describe.each(rules.map((rule) => [rule.id]))('%s fixtures', (ruleId) => {
  const folder = path.join(repoRoot, 'fixtures', ruleId);
  let result: AuditResult;
  beforeAll(async () => {
    result = await audit({ paths: [folder], rules: [ruleId], cwd: repoRoot });
  });

  it('scans every fixture file without skipping any', async () => {
    expect(result.skipped).toEqual([]);
    expect(result.scanned).toBe(listFiles(folder).length);
  });

  it.each(listFiles(folder).map((file) => [path.relative(folder, file)]))('%s', (relative) => {
    const file = path.join(folder, relative);
    const display = path.relative(repoRoot, file).split(path.sep).join('/');
    const reportedLines = result.findings.filter((finding) => finding.file === display).map((finding) => finding.line);
    expect(compareWithAnnotations(readAnnotations(file), reportedLines, ruleId)).toEqual([]);
  });
});
