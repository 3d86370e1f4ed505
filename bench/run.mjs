// npm run bench [-- --runs 3 --quick]: times scale-audit against named baselines on the same
// files, in one session, and prints a table (median wall seconds over the runs, files/s, peak
// RSS, and each row's ratio to its floor and to ESLint).
//   parse floor       read + TypeScript parse + full walk of every file, nothing else
//   lean parse floor  the same, parsed as scale-audit parses (no JSDoc, no parent-pointer pass)
//   read floor        read + hash every file, nothing else (the floor of a warm rerun)
//   scale-audit       the CLI with every rule (JSON to /dev/null): --jobs 1, and the default
//                     (one thread per core); then --cache rerun with nothing changed
//   eslint            ESLint, @typescript-eslint/parser, one no-restricted-syntax rule
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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
// The largest trees take minutes per command: one run there is enough to see the ratios.
const runsFor = (files) => (files > 20_000 ? 1 : runs);
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
  for (let i = 0; i < count; i += 1) {
    try {
      samples.push(measure(command, commandArgs));
    } catch (error) {
      process.stderr.write(`${label}: ${error.message.split('\n')[0]}\n`);
      return { label: `${label} (failed: ${/heap out of memory/.test(error.message) ? 'out of memory' : 'error'})`, seconds: NaN, rssMb: NaN, stdout: '' };
    }
  }
  return { label, seconds: median(samples.map((s) => s.seconds)), rssMb: Math.max(...samples.map((s) => s.rssMb)), stdout: samples[0].stdout };
}

const corpora = [{ name: 'npm packages', dir: ensureNpmCorpus() }];
for (const size of quick ? [1_000] : SYNTHETIC_SIZES) corpora.push({ name: `synthetic ${size / 1000}k`, dir: ensureSyntheticCorpus(size) });

const rows = [];
const cacheFolder = mkdtempSync(path.join(os.tmpdir(), 'scale-audit-bench-'));
for (const { name, dir } of corpora) {
  const floor = bench('parse floor (TypeScript parse + walk)', process.execPath, ['bench/floor.mjs', dir], 1);
  const { files, bytes } = JSON.parse(floor.stdout);
  const runs = runsFor(files);
  Object.assign(floor, bench(floor.label, process.execPath, ['bench/floor.mjs', dir], runs));
  const leanFloor = bench('lean parse floor (no JSDoc, no parent pass)', process.execPath, ['bench/floor.mjs', dir, '--lean'], runs);
  const readFloor = bench('read floor (read + hash)', process.execPath, ['bench/read-hash.mjs', dir], runs);
  const scan = ['bin/scale-audit.js', dir, '--format', 'json', '--output', '/dev/null', '--fail-on', 'none', '--no-config'];
  const single = bench('scale-audit, all rules, --jobs 1', process.execPath, [...scan, '--jobs', '1'], runs);
  const threaded = bench(`scale-audit, all rules (default: ${os.availableParallelism()} threads)`, process.execPath, scan, runs);
  const cacheFile = path.join(cacheFolder, `${path.basename(dir)}.cache`);
  measure(process.execPath, [...scan, '--cache-location', cacheFile]);
  const warm = bench('scale-audit --cache, nothing changed', process.execPath, [...scan, '--cache-location', cacheFile], runs);
  const eslint = bench('ESLint + @typescript-eslint/parser', process.execPath, ['bench/eslint.mjs', dir], files > 10_000 ? eslintRunsOver10k : runs);
  for (const [row, base] of [[floor, floor], [leanFloor, floor], [readFloor, readFloor], [single, floor], [threaded, floor], [warm, readFloor], [eslint, floor]]) {
    rows.push({
      corpus: name,
      tool: row.label,
      files,
      mb: (bytes / 1e6).toFixed(1),
      seconds: Number.isNaN(row.seconds) ? 'n/a' : row.seconds.toFixed(2),
      filesPerSecond: Math.round(files / row.seconds),
      rss: Number.isNaN(row.rssMb) ? 'n/a' : `${Math.round(row.rssMb)} MB`,
      vsFloor: `${(row.seconds / base.seconds).toFixed(2)}x ${base === floor ? 'parse' : 'read'}`,
      vsEslint: `${(row.seconds / eslint.seconds).toFixed(2)}x`,
    });
  }
}
rmSync(cacheFolder, { recursive: true, force: true });

const header = '| corpus | tool | files | MB | median s | files/s | peak RSS | vs its floor | vs ESLint |\n|---|---|---|---|---|---|---|---|---|';
const table = [header, ...rows.map((r) => `| ${r.corpus} | ${r.tool} | ${r.files} | ${r.mb} | ${r.seconds} | ${r.filesPerSecond} | ${r.rss} | ${r.vsFloor} | ${r.vsEslint} |`)].join('\n');
const summary = `Node ${process.version}, ${os.availableParallelism()} cores; median of ${runs} run(s) per row (1 over 20k files; ESLint: ${eslintRunsOver10k} over 10k files).\n\n${table}\n`;
writeFileSync(path.join(BENCH_DIR, 'results.md'), summary);
process.stdout.write(summary);
