// Keeps the catalog honest: rule files, the index, docs, fixtures and the README in step.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { listenersByRule } from '../rules/listeners.js';
import { readAnnotations } from './annotations.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const ruleFiles = readdirSync(path.join(repoRoot, 'rules'))
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts' && name !== 'listeners.ts')
  .map((name) => name.replace(/\.ts$/, ''))
  .sort();

function fixtureAnnotations(ruleId: string) {
  const folder = path.join(repoRoot, 'fixtures', ruleId);
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .flatMap((entry) => readAnnotations(path.join(entry.parentPath, entry.name)))
    .filter((annotation) => annotation.ruleId === ruleId);
}

describe('rule catalog', () => {
  it('lists every rule file in the index, sorted by id', () => {
    const ids = rules.map((rule) => rule.id);
    expect(ids).toEqual(ruleFiles);
    expect(ids).toEqual([...ids].sort());
  });

  it('has the listeners of every rule, in rules/<id>/listeners.ts, and no others', () => {
    expect([...listenersByRule.keys()]).toEqual(ruleFiles);
    for (const id of ruleFiles) expect(readdirSync(path.join(repoRoot, 'rules', id))).toContain('listeners.ts');
  });

  it('has a fixture folder named after every rule, and no other', () => {
    const folders = readdirSync(path.join(repoRoot, 'fixtures'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'demo-app')
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual(ruleFiles);
  });

  it.each(rules.map((rule) => [rule.id, rule]))('%s has complete docs and messages', (_, rule) => {
    expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(['error', 'warning', 'info']).toContain(rule.severity);
    for (const field of ['title', 'why', 'fix'] as const) expect(rule.docs[field].length).toBeGreaterThan(20);
    expect(rule.docs.example.bad.trim()).not.toBe('');
    expect(rule.docs.example.good.trim()).not.toBe('');
    expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
    for (const [id, template] of Object.entries(rule.messages)) {
      expect(id).toMatch(/^[a-z][a-zA-Z]*$/);
      expect(template).toMatch(/\S/);
    }
  });

  it.each(rules.map((rule) => [rule.id]))('%s has flagged fixtures and at least as many clean look-alikes', (ruleId) => {
    const annotations = fixtureAnnotations(ruleId);
    const expects = annotations.filter((a) => a.kind === 'expect').length;
    const oks = annotations.filter((a) => a.kind === 'ok').length;
    expect(expects).toBeGreaterThan(0);
    expect(oks).toBeGreaterThanOrEqual(expects);
  });

  it('documents every rule in the README table with its severity and title', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| (error|warning|info) \| (.+) \|$/gm)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual(rules.map((rule) => [rule.id, rule.severity, rule.docs.title]));
  });
});
