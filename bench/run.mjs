// npm run bench [-- --runs 3 --quick]: times scale-audit against named baselines on the same
// files, in one session, and prints a table (median wall seconds over the runs, files/s, peak
// RSS, and each row's ratio to the bare-parse floor and to ESLint).
//   floor        read + TypeScript parse + full walk of every file, nothing else
//   scale-audit  the CLI with every rule (JSON to /dev/null)
//   eslint       ESLint, @typescript-eslint/parser, one no-restricted-syntax rule
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, ensureNpmCorpus, ensureSyntheticCorpus, SYNTHETIC_SIZES } from './corpus.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const runs = Number(option('--runs', '3'));
const quick = args.includes('--quick');
// ESLint takes minutes on the largest tree; one run there is enough to see the ratio.
const eslintRunsOver10k = 1;
const hasGnuTime = existsSync('/usr/bin/time');

function measure(command, commandArgs) {
  const started = process.hrtime.bigint();
  const full = hasGnuTime ? ['/usr/bin/time', ['-f', '%M', command, ...commandArgs]] : [command, commandArgs];
  const result = spawnSync(full[0], full[1], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${commandArgs.join(' ')} failed: ${result.stderr}`);
  const rssKb = hasGnuTime ? Number(result.stderr.trim().split('\n').at(-1)) : NaN;
  return { seconds, rssMb: rssKb / 1024, stdout: result.stdout };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function bench(label, command, commandArgs, count) {
  const samples = [];
  for (let i = 0; i < count; i += 1) samples.push(measure(command, commandArgs));
  return { label, seconds: median(samples.map((s) => s.seconds)), rssMb: Math.max(...samples.map((s) => s.rssMb)), stdout: samples[0].stdout };
}

const corpora = [{ name: 'npm packages', dir: ensureNpmCorpus() }];
for (const size of quick ? [1_000] : SYNTHETIC_SIZES) corpora.push({ name: `synthetic ${size / 1000}k`, dir: ensureSyntheticCorpus(size) });

const rows = [];
for (const { name, dir } of corpora) {
  const floor = bench('floor (TypeScript parse + walk)', process.execPath, ['bench/floor.mjs', dir], runs);
  const { files, bytes } = JSON.parse(floor.stdout);
  const audit = bench('scale-audit, all rules', process.execPath, ['bin/scale-audit.js', dir, '--format', 'json', '--output', '/dev/null', '--fail-on', 'none', '--no-config'], runs);
  const eslint = bench('ESLint + @typescript-eslint/parser', process.execPath, ['bench/eslint.mjs', dir], files > 10_000 ? eslintRunsOver10k : runs);
  for (const row of [floor, audit, eslint]) {
    rows.push({
      corpus: name,
      tool: row.label,
      files,
      mb: (bytes / 1e6).toFixed(1),
      seconds: row.seconds.toFixed(2),
      filesPerSecond: Math.round(files / row.seconds),
      rss: Number.isNaN(row.rssMb) ? 'n/a' : `${Math.round(row.rssMb)} MB`,
      vsFloor: `${(row.seconds / floor.seconds).toFixed(2)}x`,
      vsEslint: `${(row.seconds / eslint.seconds).toFixed(2)}x`,
    });
  }
}

const header = '| corpus | tool | files | MB | median s | files/s | peak RSS | vs floor | vs ESLint |\n|---|---|---|---|---|---|---|---|---|';
const table = [header, ...rows.map((r) => `| ${r.corpus} | ${r.tool} | ${r.files} | ${r.mb} | ${r.seconds} | ${r.filesPerSecond} | ${r.rss} | ${r.vsFloor} | ${r.vsEslint} |`)].join('\n');
const summary = `Node ${process.version}, ${runs} run(s) each (ESLint: ${eslintRunsOver10k} over 10k files), medians.\n\n${table}\n`;
writeFileSync(path.join(BENCH_DIR, 'results.md'), summary);
process.stdout.write(summary);
