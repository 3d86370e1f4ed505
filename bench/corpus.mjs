// Builds the benchmark corpora in .bench/ (ignored by git), once: source files of pinned npm
// packages, and synthetic monorepos made from the demo app and the rule fixtures.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_DIR = path.join(repo, '.bench');

/** Server frameworks, ORMs and a CMS-sized dependency tree: many real JS/TS files. */
export const NPM_PACKAGES = ['express@4.21.2', 'koa@2.15.3', 'fastify@5.2.1', 'typeorm@0.3.20', 'sequelize@6.37.5', 'mongoose@8.9.5', 'socket.io@4.8.1', 'knex@3.1.0'];
export const SYNTHETIC_SIZES = [1_000, 10_000, 50_000];

const SOURCE = /\.(js|cjs|mjs|jsx|ts|cts|mts|tsx)$/;
const SKIP = /(\.d\.[cm]?ts|\.min\.js)$/;

function sourceFiles(directory) {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !SKIP.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Real code: the packages' installed trees, copied out of node_modules so a scan reads them. */
export function ensureNpmCorpus() {
  const target = path.join(BENCH_DIR, 'corpus', 'npm');
  const marker = path.join(target, '.packages');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === NPM_PACKAGES.join('\n')) return target;
  rmSync(target, { recursive: true, force: true });
  const install = path.join(BENCH_DIR, 'npm');
  mkdirSync(install, { recursive: true });
  writeFileSync(path.join(install, 'package.json'), '{ "private": true }\n');
  execFileSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', ...NPM_PACKAGES], { cwd: install, stdio: 'inherit' });
  const modules = path.join(install, 'node_modules');
  for (const file of sourceFiles(modules)) {
    const relative = path.relative(modules, file).split(path.sep).filter((part) => part !== 'node_modules' && !/^(test|tests|__tests__|dist|build|coverage|fixtures)$/.test(part));
    const destination = path.join(target, ...relative);
    mkdirSync(path.dirname(destination), { recursive: true });
    cpSync(file, destination);
  }
  writeFileSync(marker, NPM_PACKAGES.join('\n'));
  return target;
}

/** A monorepo of `size` files: the demo app and the fixtures, copied into packages in turn. */
export function ensureSyntheticCorpus(size) {
  const target = path.join(BENCH_DIR, 'corpus', `synthetic-${size}`);
  const marker = path.join(target, '.size');
  if (existsSync(marker)) return target;
  rmSync(target, { recursive: true, force: true });
  const templates = sourceFiles(path.join(repo, 'fixtures')).sort();
  for (let i = 0; i < size; i += 1) {
    const template = templates[i % templates.length];
    const relative = path.relative(path.join(repo, 'fixtures'), template).replace(/(^|\/)(fixtures|test|tests)(\/|$)/g, '$1x$3');
    const destination = path.join(target, `packages/pkg-${Math.floor(i / templates.length)}`, relative);
    mkdirSync(path.dirname(destination), { recursive: true });
    cpSync(template, destination);
  }
  writeFileSync(marker, String(size));
  return target;
}
