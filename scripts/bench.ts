/**
 * npm run bench -- [--scales 1000,10000,100000] [--corpus DIR] [--questions FILE]
 *                  [--min-asks 500] [--ask-budget 120] [--distinct] [--json]
 *
 * Grows the shared corpus to about 1k, 10k and 100k sections by copying every
 * policy of every tenant under new policy ids (`id: X` becomes `id: X-cN`),
 * ingests each scale into a fresh database, then asks the dev questions with
 * the offline answerer. Prints ingest throughput, p50/p99/mean `ask` latency,
 * peak memory, and how p50 and p99 grow from the smallest scale to the
 * largest, next to the targets. It prints figures; it never fails on them.
 *
 * --corpus defaults to ../shared/corpus next to the repository; it holds
 * <tenant>/policies/*.md, <tenant>/directory.yml and questions.dev.jsonl.
 * --distinct gives every copy a title of its own, so no section text is shared
 * between copies (Policy Desk stores and indexes each distinct text once).
 * --ask-budget caps the seconds of timed asks per scale (after one full pass),
 * so a slow build still finishes.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { answerQuestion } from '../src/answers/answer-question.ts';
import type { AskStatus } from '../src/answers/ask-result.ts';
import { createOfflineAnswerer } from '../src/answers/offline-answerer.ts';
import { loadDirectoryFile } from '../src/directory/load-directory-file.ts';
import { saveDirectory } from '../src/directory/save-directory.ts';
import { evalQuestionSchema, type EvalQuestion } from '../src/evaluation/score-results.ts';
import { ingestPolicies } from '../src/policies/ingest-policies.ts';
import { parseMarkdownPolicy } from '../src/policies/parse-policy-file.ts';
import { openDatabase, type Db } from '../src/storage/open-database.ts';
import { parseScriptArgs } from './parse-script-args.ts';

/** The issue's targets, printed next to the figures (never asserted). */
const targets = { p99MsAtLargest: 20, largestSections: 100_000, growth: 3 };

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type PolicyFile = { name: string; text: string };
type Tenant = { name: string; directoryFile: string; files: PolicyFile[] };
type Corpus = { dir: string; tenants: Tenant[]; sectionsPerCopy: number; skipped: string[] };

type ScaleResult = {
  target: number;
  copies: number;
  files: number;
  sections: number;
  ingestProblems: number;
  writeSeconds: number;
  ingestSeconds: number;
  sectionsPerSecond: number;
  filesPerSecond: number;
  firstAskMs: number;
  asks: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  statuses: Record<AskStatus, number>;
  maxRssMb: number;
  ingestHeapPeakMb: number;
  askHeapPeakMb: number;
  heapRetainedMb: number;
  dbMb: number;
};

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

/** "1000,10k,100k" → [1000, 10000, 100000], ascending so the first is the baseline. */
function parseScales(text: string): number[] {
  const scales = text.split(',').map((part) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(k?)\s*$/i.exec(part);
    if (!match) fail(`--scales: "${part}" is not a number of sections (e.g. 1000 or 10k)`);
    return Math.round(Number(match[1]) * (match[2] ? 1000 : 1));
  });
  if (scales.some((scale) => scale <= 0)) fail('--scales: every scale must be above 0');
  return [...new Set(scales)].sort((a, b) => a - b);
}

function label(sections: number): string {
  return sections >= 1000 && sections % 1000 === 0 ? `${sections / 1000}k` : String(sections);
}

let distinctCopies = false;

/** The same text with the front-matter `id:` made unique to copy `n`; undefined when the file has no id to rewrite. */
function withCopyId(text: string, n: number): string | undefined {
  const frontMatter = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?)(\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$))/.exec(text);
  if (!frontMatter) return undefined;
  const idLine = /^id:[ \t]*(["']?)(.*?)\1[ \t]*$/m;
  const yaml = frontMatter[2]!;
  const id = idLine.exec(yaml);
  if (!id || !id[2]) return undefined;
  let rewritten = yaml.replace(idLine, `id: ${id[1]}${id[2]}-c${n}${id[1]}`);
  // --distinct: a title of its own makes every section's text (title and
  // headings are part of it) differ from the other copies', so the bench
  // measures a catalogue with no shared text at all.
  if (distinctCopies) rewritten = rewritten.replace(/^title:[ \t]*(["']?)(.*?)\1[ \t]*$/m, (_, quote: string, title: string) => `title: "${title.replace(/"/g, "'")} (copy ${n})"`);
  return frontMatter[1] + rewritten + text.slice(frontMatter[1]!.length + yaml.length);
}

/** Reads every tenant's Markdown policies and counts the sections one copy of them stores. */
function readCorpus(dir: string): Corpus {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    fail(`corpus folder ${dir} is missing; pass --corpus DIR (expected DIR/<tenant>/policies/*.md and DIR/<tenant>/directory.yml)`);
  }
  const tenants: Tenant[] = [];
  const skipped: string[] = [];
  let sectionsPerCopy = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const policies = join(dir, entry.name, 'policies');
    const directoryFile = join(dir, entry.name, 'directory.yml');
    if (!existsSync(policies)) continue;
    if (!existsSync(directoryFile)) fail(`${directoryFile} is missing: the bench asks as directory users`);
    const files: PolicyFile[] = [];
    for (const name of readdirSync(policies, { recursive: true, encoding: 'utf8' }).sort()) {
      const path = join(policies, name);
      if (!statSync(path).isFile() || !/\.(md|docx)$/i.test(name)) continue;
      // A .docx cannot be given a new id without rewriting the package; the shared corpus has none.
      const text = /\.md$/i.test(name) ? readFileSync(path, 'utf8') : undefined;
      if (text === undefined || withCopyId(text, 1) === undefined) {
        skipped.push(path);
        continue;
      }
      try {
        sectionsPerCopy += parseMarkdownPolicy(path, text).sections.length;
        files.push({ name, text });
      } catch (error) {
        skipped.push(`${path}: ${(error as Error).message}`);
      }
    }
    tenants.push({ name: entry.name, directoryFile, files });
  }
  if (sectionsPerCopy === 0) fail(`no Markdown policies found under ${dir}/<tenant>/policies`);
  return { dir, tenants, sectionsPerCopy, skipped };
}

function readQuestions(file: string, tenants: Tenant[]): EvalQuestion[] {
  if (!existsSync(file)) fail(`questions file ${file} is missing; pass --questions FILE`);
  const known = new Set(tenants.map((tenant) => tenant.name));
  const questions = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, index) => {
      const parsed = evalQuestionSchema.safeParse(JSON.parse(line));
      if (!parsed.success) fail(`${file}:${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid question'}`);
      return parsed.data;
    })
    .filter((question) => known.has(question.tenant));
  if (questions.length === 0) fail(`${file} has no questions for the tenants in the corpus`);
  return questions;
}

/** Writes `copies` copies of every policy into root/<tenant>/policies/copyN/. Returns how many files. */
function writeCopies(corpus: Corpus, root: string, copies: number): number {
  let written = 0;
  for (const tenant of corpus.tenants) {
    for (let n = 1; n <= copies; n++) {
      for (const file of tenant.files) {
        const path = join(root, tenant.name, 'policies', `copy${n}`, file.name);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, withCopyId(file.text, n)!);
        written += 1;
      }
    }
  }
  return written;
}

/** Peak heap seen at the sample points (between batches and passes, never inside a timed ask). */
function createHeapWatch() {
  let peak = 0;
  return {
    sample() {
      peak = Math.max(peak, getHeapStatistics().used_heap_size);
    },
    peak: () => peak,
  };
}

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => bytes / 1024 / 1024;
const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** Nearest-rank percentile of ascending samples. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function ask(db: Db, answerer: ReturnType<typeof createOfflineAnswerer>, question: EvalQuestion) {
  return answerQuestion({ db, answerer }, { tenant: question.tenant, asker: { by: 'id', value: question.as }, question: question.question, channel: 'bench' });
}

async function runScale(
  corpus: Corpus,
  questions: EvalQuestion[],
  work: string,
  target: number,
  options: { minAsks: number; askBudgetSeconds: number },
): Promise<ScaleResult> {
  const copies = Math.max(1, Math.round(target / corpus.sectionsPerCopy));
  const root = join(work, `scale-${label(target)}`);
  const ingestHeap = createHeapWatch();
  const askHeap = createHeapWatch();
  const progress = (text: string) => process.stderr.write(`  … ${label(target)}: ${text}\n`);

  progress(`writing ${copies} cop${copies === 1 ? 'y' : 'ies'} of ${corpus.tenants.reduce((n, t) => n + t.files.length, 0)} files`);
  const writeStart = process.hrtime.bigint();
  const files = writeCopies(corpus, root, copies);
  const writeSeconds = msSince(writeStart) / 1000;

  const dbFile = join(root, 'bench.db');
  let db: Db | undefined = openDatabase(dbFile);
  try {
    for (const tenant of corpus.tenants) saveDirectory(db, tenant.name, loadDirectoryFile(tenant.directoryFile));
    progress(`ingesting ${files} files`);
    let ingestProblems = 0;
    const ingestStart = process.hrtime.bigint();
    for (const tenant of corpus.tenants) {
      const report = await ingestPolicies(db, tenant.name, join(root, tenant.name, 'policies'), { onProgress: () => ingestHeap.sample() });
      ingestProblems += report.problems.length;
      for (const problem of report.problems.slice(0, 3)) console.error(`  ingest ${tenant.name}: ${problem.message}`);
    }
    const ingestSeconds = msSince(ingestStart) / 1000;
    const { sections } = db.prepare('SELECT count(*) AS sections FROM sections').get() as { sections: number };

    const answerer = createOfflineAnswerer();
    const statuses: Record<AskStatus, number> = { answered: 0, abstained: 0, refused: 0 };
    // The first ask after an ingest loads the catalogue and term statistics: reported on its own.
    const firstStart = process.hrtime.bigint();
    await ask(db, answerer, questions[0]!);
    const firstAskMs = msSince(firstStart);
    for (const question of questions) await ask(db, answerer, question);
    askHeap.sample();

    const passes = Math.max(1, Math.ceil(options.minAsks / questions.length));
    progress(`asking ${passes} timed passes of ${questions.length} questions`);
    const samples: number[] = [];
    const askStart = process.hrtime.bigint();
    for (let pass = 0; pass < passes; pass++) {
      if (pass > 0 && msSince(askStart) / 1000 > options.askBudgetSeconds) {
        progress(`ask budget of ${options.askBudgetSeconds}s spent after ${pass} passes`);
        break;
      }
      for (const question of questions) {
        const start = process.hrtime.bigint();
        const result = await ask(db, answerer, question);
        samples.push(msSince(start));
        if (pass === 0) statuses[result.status] += 1;
      }
      askHeap.sample();
    }
    gc?.();
    const heapRetained = getHeapStatistics().used_heap_size;
    const sorted = [...samples].sort((a, b) => a - b);
    const dbBytes = ['', '-wal'].reduce((sum, suffix) => sum + (statSync(dbFile + suffix, { throwIfNoEntry: false })?.size ?? 0), 0);
    return {
      target,
      copies,
      files,
      sections,
      ingestProblems,
      writeSeconds,
      ingestSeconds,
      sectionsPerSecond: sections / ingestSeconds,
      filesPerSecond: files / ingestSeconds,
      firstAskMs,
      asks: samples.length,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      meanMs: samples.reduce((sum, value) => sum + value, 0) / samples.length,
      maxMs: sorted.at(-1)!,
      statuses,
      // maxRSS is the process's high-water mark so far; scales run smallest first, so it is this scale's peak.
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      ingestHeapPeakMb: mb(ingestHeap.peak()),
      askHeapPeakMb: mb(Math.max(askHeap.peak(), heapRetained)),
      heapRetainedMb: mb(heapRetained),
      dbMb: mb(dbBytes),
    };
  } finally {
    db.close();
    db = undefined;
    rmSync(root, { recursive: true, force: true });
    // The per-connection caches are keyed by the closed database: let them go before the next scale.
    gc?.();
  }
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const grouped = (value: number) => Math.round(value).toLocaleString('en-US');
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

function printScale(result: ScaleResult): void {
  const s = result.statuses;
  console.log(`scale ${label(result.target)}: ${result.copies} cop${result.copies === 1 ? 'y' : 'ies'}, ${grouped(result.files)} files, ${grouped(result.sections)} sections stored${result.ingestProblems ? `, ${result.ingestProblems} ingest problems` : ''}`);
  console.log(`  ingest  ${fixed(result.ingestSeconds, 2)} s   ${grouped(result.sectionsPerSecond)} sections/s   ${grouped(result.filesPerSecond)} files/s   (copies written in ${fixed(result.writeSeconds, 2)} s; db ${fixed(result.dbMb)} MB)`);
  console.log(`  ask     ${result.asks} timed: p50 ${fixed(result.p50Ms, 2)} ms   p99 ${fixed(result.p99Ms, 2)} ms   mean ${fixed(result.meanMs, 2)} ms   max ${fixed(result.maxMs, 2)} ms   first (cold) ${fixed(result.firstAskMs, 1)} ms`);
  console.log(`          per pass: ${s.answered} answered, ${s.abstained} abstained, ${s.refused} refused`);
  console.log(`  memory  maxRSS ${fixed(result.maxRssMb)} MB   heap peak ${fixed(result.ingestHeapPeakMb)} MB ingesting, ${fixed(result.askHeapPeakMb)} MB asking   heap after GC ${fixed(result.heapRetainedMb)} MB`);
}

function summarize(results: ScaleResult[]) {
  const base = results[0]!;
  const top = results.at(-1)!;
  const growth = results.length > 1 ? { from: base.target, to: top.target, p50: top.p50Ms / base.p50Ms, p99: top.p99Ms / base.p99Ms } : undefined;
  const atTarget = results.find((result) => result.target === targets.largestSections);
  return { growth, p99AtLargest: atTarget?.p99Ms };
}

function printSummary(results: ScaleResult[], summary: ReturnType<typeof summarize>): void {
  console.log('');
  console.log('scale   sections  files   ingest s  sections/s  files/s   p50 ms   p99 ms  mean ms  maxRSS MB  heap MB (ingest/ask)');
  for (const r of results) {
    console.log(
      [label(r.target).padEnd(5), grouped(r.sections).padStart(9), grouped(r.files).padStart(6), fixed(r.ingestSeconds, 2).padStart(9),
        grouped(r.sectionsPerSecond).padStart(11), grouped(r.filesPerSecond).padStart(8), fixed(r.p50Ms, 2).padStart(8),
        fixed(r.p99Ms, 2).padStart(8), fixed(r.meanMs, 2).padStart(8), fixed(r.maxRssMb).padStart(10), `${fixed(r.ingestHeapPeakMb)}/${fixed(r.askHeapPeakMb)}`.padStart(12)].join(' '),
    );
  }
  console.log('');
  const p99Target = `target p99 < ${targets.p99MsAtLargest} ms at ${label(targets.largestSections)} sections`;
  if (summary.p99AtLargest === undefined) console.log(`p99 at ${label(targets.largestSections)}: not measured in this run (${p99Target})`);
  else console.log(`p99 at ${label(targets.largestSections)}: ${fixed(summary.p99AtLargest, 2)} ms   ${p99Target}: ${verdict(summary.p99AtLargest < targets.p99MsAtLargest)}`);
  if (!summary.growth) console.log('growth: needs two scales');
  else {
    const g = summary.growth;
    const span = `${label(g.from)}→${label(g.to)}`;
    const scope = g.from === 1000 && g.to === targets.largestSections ? '' : ` (the target is for 1k→${label(targets.largestSections)})`;
    console.log(`growth ${span}: p99 x${fixed(g.p99, 2)}, p50 x${fixed(g.p50, 2)}   target < ${targets.growth}x: p99 ${verdict(g.p99 < targets.growth)}, p50 ${verdict(g.p50 < targets.growth)}${scope}`);
  }
}

const { values } = parseScriptArgs('bench', 'npm run bench -- [--scales 1000,10000,100000] [--corpus DIR] [--questions FILE] [--min-asks 500] [--ask-budget 120] [--distinct] [--json]', {
  scales: { type: 'string', default: '1000,10000,100000' },
  corpus: { type: 'string', default: join(repoRoot, '..', 'shared', 'corpus') },
  questions: { type: 'string' },
  'min-asks': { type: 'string', default: '500' },
  'ask-budget': { type: 'string', default: '120' },
  json: { type: 'boolean', default: false },
  distinct: { type: 'boolean', default: false },
});
distinctCopies = values.distinct ?? false;
const scales = parseScales(values.scales);
const minAsks = Number(values['min-asks']);
const askBudgetSeconds = Number(values['ask-budget']);
if (!(minAsks > 0) || !(askBudgetSeconds > 0)) fail('--min-asks and --ask-budget must be numbers above 0');
const corpusDir = resolve(values.corpus);
const corpus = readCorpus(corpusDir);
const questionsFile = resolve(values.questions ?? join(corpusDir, 'questions.dev.jsonl'));
const questions = readQuestions(questionsFile, corpus.tenants);

console.log(`Policy Desk bench${distinctCopies ? " (--distinct: copies share no text)" : ""}: offline answerer, node ${process.version}, ${availableParallelism()} CPUs${gc ? '' : ' (run with --expose-gc for steadier memory figures)'}`);
console.log(`corpus ${corpusDir}: ${corpus.tenants.map((t) => `${t.name} ${t.files.length} files`).join(', ')}; ${corpus.sectionsPerCopy} sections per copy; ${questions.length} questions`);
for (const skipped of corpus.skipped) console.log(`  not copied (no front-matter id to rewrite, or unparseable): ${skipped}`);
console.log('');

const work = mkdtempSync(join(tmpdir(), 'policy-desk-bench-'));
const cleanUp = () => rmSync(work, { recursive: true, force: true });
process.once('SIGINT', () => {
  cleanUp();
  process.exit(130);
});
const results: ScaleResult[] = [];
try {
  for (const target of scales) {
    const result = await runScale(corpus, questions, work, target, { minAsks, askBudgetSeconds });
    results.push(result);
    printScale(result);
  }
} finally {
  cleanUp();
}
const summary = summarize(results);
printSummary(results, summary);
if (values.json) {
  console.log(JSON.stringify({ corpus: corpusDir, sectionsPerCopy: corpus.sectionsPerCopy, questions: questions.length, node: process.version, cpus: availableParallelism(), targets, ...summary, scales: results }));
}
