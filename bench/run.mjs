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
// A command whose first run takes longer than this runs once: ESLint on the large trees takes
// minutes, and one run is enough to see a ratio that far from 1.
const LONG_RUN_SECONDS = 20;
// A command whose first run takes less than this runs SHORT_RUN_FACTOR times as often: a burst of
// other work on the machine moves a 0.4 s run by more than its share (read floors, warm reruns).
const SHORT_RUN_SECONDS = 2;
const SHORT_RUN_FACTOR = 3;
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

/** How many runs a row gets, from its first: once when slow, more often when quick. */
function runsFor(firstSeconds) {
  if (firstSeconds > LONG_RUN_SECONDS) return 1;
  return firstSeconds < SHORT_RUN_SECONDS ? runs * SHORT_RUN_FACTOR : runs;
}

/**
 * Times every row of a corpus (a Node script and its arguments), `runs` times each (once for a
 * command slower than LONG_RUN_SECONDS, SHORT_RUN_FACTOR times as often for one quicker than
 * SHORT_RUN_SECONDS), in rounds: one run of each row, then the next round. A machine that speeds
 * up or slows down during the session then weighs on every row alike, and on their ratios less.
 */
function benchRows(specs) {
  const samples = specs.map(() => []);
  const errors = specs.map(() => undefined);
  for (let round = 0; round < runs * SHORT_RUN_FACTOR; round += 1) {
    specs.forEach((spec, index) => {
      if (errors[index] || (round > 0 && round >= runsFor(samples[index][0].seconds))) return;
      try {
        samples[index].push(measure(process.execPath, spec.args));
      } catch (error) {
        process.stderr.write(`${spec.label}: ${error.message.split('\n')[0]}\n`);
        errors[index] = /heap out of memory/.test(error.message) ? 'out of memory' : 'error';
      }
    });
  }
  return specs.map(({ label }, index) =>
    errors[index]
      ? { label: `${label} (failed: ${errors[index]})`, seconds: NaN, rssMb: NaN, stdout: '' }
      : {
          label,
          seconds: median(samples[index].map((sample) => sample.seconds)),
          rssMb: Math.max(...samples[index].map((sample) => sample.rssMb)),
          runs: samples[index].length,
          stdout: samples[index][0].stdout,
        },
  );
}

const corpora = [{ name: 'npm packages', dir: ensureNpmCorpus() }];
for (const size of quick ? [1_000] : SYNTHETIC_SIZES) corpora.push({ name: `synthetic ${size / 1000}k`, size, dir: ensureSyntheticCorpus(size) });

const rows = [];
// Each corpus's rows by role, for the targets after the table.
const measured = [];
const cacheFolder = mkdtempSync(path.join(os.tmpdir(), 'scale-audit-bench-'));
for (const { name, size, dir } of corpora) {
  const scan = ['bin/scale-audit.js', dir, '--format', 'json', '--output', '/dev/null', '--fail-on', 'none', '--no-config'];
  const cacheFile = path.join(cacheFolder, `${path.basename(dir)}.cache`);
  // The warm rows rerun over a cache this run fills; the other rows never touch it.
  measure(process.execPath, [...scan, '--cache-location', cacheFile]);
  const [floor, leanFloor, readFloor, single, threaded, warm, eslint] = benchRows([
    { label: 'parse floor (TypeScript parse + walk)', args: ['bench/floor.mjs', dir] },
    { label: 'lean parse floor (no JSDoc, no parent pass)', args: ['bench/floor.mjs', dir, '--lean'] },
    { label: 'read floor (read + hash)', args: ['bench/read-hash.mjs', dir] },
    { label: 'scale-audit, all rules, --jobs 1', args: [...scan, '--jobs', '1'] },
    { label: `scale-audit, all rules (default: ${os.availableParallelism()} threads)`, args: scan },
    { label: 'scale-audit --cache, nothing changed', args: [...scan, '--cache-location', cacheFile] },
    { label: 'ESLint + @typescript-eslint/parser', args: ['bench/eslint.mjs', dir] },
  ]);
  // A failed floor printed nothing: its corpus's counts are unknown, and the other rows still print.
  const { files, bytes } = floor.stdout ? JSON.parse(floor.stdout) : { files: NaN, bytes: NaN };
  measured.push({ corpus: name, size, files, floor, readFloor, single, threaded, warm, eslint });
  for (const [row, base] of [[floor, floor], [leanFloor, floor], [readFloor, readFloor], [single, floor], [threaded, floor], [warm, readFloor], [eslint, floor]]) {
    rows.push({
      corpus: name,
      tool: row.label,
      files,
      mb: (bytes / 1e6).toFixed(1),
      seconds: Number.isNaN(row.seconds) ? 'n/a' : row.seconds.toFixed(2),
      runs: row.runs ?? 0,
      filesPerSecond: Math.round(files / row.seconds),
      rss: Number.isNaN(row.rssMb) ? 'n/a' : `${Math.round(row.rssMb)} MiB`,
      vsFloor: `${(row.seconds / base.seconds).toFixed(2)}x ${base === floor ? 'parse' : 'read'}`,
      vsEslint: `${(row.seconds / eslint.seconds).toFixed(2)}x`,
    });
  }
}
rmSync(cacheFolder, { recursive: true, force: true });

const header = '| corpus | tool | files | MB | runs | median s | files/s | peak RSS | vs its floor | vs ESLint |\n|---|---|---|---|---|---|---|---|---|---|';
const table = [header, ...rows.map((r) => `| ${r.corpus} | ${r.tool} | ${r.files} | ${r.mb} | ${r.runs} | ${r.seconds} | ${r.filesPerSecond} | ${r.rss} | ${r.vsFloor} | ${r.vsEslint} |`)].join('\n');
const summary = `Node ${process.version}, ${os.availableParallelism()} cores; median of ${runs} runs per row (${runs * SHORT_RUN_FACTOR} for a command under ${SHORT_RUN_SECONDS} s, one for a command over ${LONG_RUN_SECONDS} s), taken in rounds over a corpus's rows.\n\n${table}\n\n${judgeTargets(measured)}\n`;
writeFileSync(path.join(BENCH_DIR, 'results.md'), summary);
process.stdout.write(summary);

/**
 * The project's performance targets, judged on this run's figures: a table of the time ratios per
 * corpus, then the memory targets, which need the 10k and 50k trees. A failed row judges nothing.
 * Ratios are judged as printed (to two decimals), and peaks as the table prints them (whole MiB).
 */
function judgeTargets(results) {
  const verdict = (value, met) => (Number.isNaN(value) ? 'n/a' : met ? 'met' : '**not met**');
  // `met` is asked about the ratio as printed.
  const ratio = (value, met) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)}x ${verdict(value, met(Number(value.toFixed(2))))}`);
  const lines = [
    'Targets, judged on this run:',
    '',
    '| corpus | cold scan / parse floor (at most 1.3x) | ESLint / cold scan (at least 4x) | warm rerun / read floor (at most 2x) | default / `--jobs 1` (at most 1x) |',
    '|---|---|---|---|---|',
  ];
  for (const { corpus, files, floor, readFloor, single, threaded, warm, eslint } of results) {
    const threads = threaded.seconds / single.seconds;
    // With one core, or under two threads' worth of files (FILES_PER_THREAD in src/audit.ts is
    // 1,500), the default runs on one thread: the same run as --jobs 1.
    const oneThread = os.availableParallelism() < 2 || files < 3000;
    const threadsCell = oneThread && !Number.isNaN(threads) ? `${threads.toFixed(2)}x (one thread either way)` : ratio(threads, (shown) => shown <= 1);
    const cells = [
      ratio(threaded.seconds / floor.seconds, (shown) => shown <= 1.3),
      ratio(eslint.seconds / threaded.seconds, (shown) => shown >= 4),
      ratio(warm.seconds / readFloor.seconds, (shown) => shown <= 2),
      threadsCell,
    ];
    lines.push(`| ${corpus} | ${cells.join(' | ')} |`);
  }
  const [small, large] = [10_000, 50_000].map((size) => results.find((result) => result.size === size));
  if (!small || !large) return lines.join('\n');
  const change = (value) => (Number.isNaN(value) ? 'n/a' : `${value > 0 ? '+' : ''}${value} MiB`);
  const peakMiB = Math.round(large.threaded.rssMb);
  // GNU time reports KiB, which the table prints in MiB; the target is in MB.
  const peakMb = Math.round(peakMiB * 1.048576);
  const peak = Number.isNaN(peakMiB) ? 'n/a' : `${peakMiB} MiB (${peakMb} MB)`;
  const growth = (role) => Math.round(large[role].rssMb) - Math.round(small[role].rssMb);
  // Flat: growing no more than the parse floor, which keeps nothing but the file list, grows too.
  const excess = Math.max(growth('threaded'), growth('single')) - growth('floor');
  lines.push(
    '',
    `- Peak RSS at 50k files, default threads: ${peak}; at most 400 MB: ${verdict(peakMb, peakMb <= 400)}.`,
    `- Peak RSS from 10k to 50k files: default ${change(growth('threaded'))}, \`--jobs 1\` ${change(growth('single'))}, parse floor ${change(growth('floor'))}, read floor ${change(growth('readFloor'))}.`,
    `- Memory flat (growing no more than the parse floor): ${verdict(excess, excess <= 0)}.`,
  );
  return lines.join('\n');
}
