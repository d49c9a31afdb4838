/**
 * npm run eval -- --corpus DIR --questions FILE [--verbose] [--json]
 *
 * Ingests every tenant under DIR/<tenant>/policies with DIR/<tenant>/directory.yml
 * into a fresh database, asks every question and prints citation accuracy,
 * answer accuracy, abstention precision and recall, and leaks.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerQuestion } from '../src/answers/answer-question.ts';
import { createAnswerer } from '../src/answers/create-answerer.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { loadDirectoryFile } from '../src/directory/load-directory-file.ts';
import { saveDirectory } from '../src/directory/save-directory.ts';
import { evalQuestionSchema, isRight, judge, rightByKind, scoreVerdicts, type Verdict } from '../src/evaluation/score-results.ts';
import { ingestPolicies } from '../src/policies/ingest-policies.ts';
import { semanticRetrieverFromConfig } from '../src/retrieval/semantic/semantic-retriever-from-config.ts';
import { openDatabase } from '../src/storage/open-database.ts';
import { parseScriptArgs } from './parse-script-args.ts';

const usage = 'npm run eval -- --corpus DIR --questions FILE [--verbose] [--json]';
const { values } = parseScriptArgs('eval', usage, {
  corpus: { type: 'string' },
  questions: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
});
if (!values.corpus || !values.questions) {
  console.error(`usage: ${usage}`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'policy-desk-eval-'));
const db = openDatabase(join(work, 'eval.db'));
try {
  const tenants = readdirSync(values.corpus, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  for (const tenant of tenants) {
    const policies = join(values.corpus, tenant, 'policies');
    const directory = join(values.corpus, tenant, 'directory.yml');
    if (!existsSync(policies)) continue;
    if (existsSync(directory)) saveDirectory(db, tenant, loadDirectoryFile(directory));
    const report = await ingestPolicies(db, tenant, policies);
    for (const problem of report.problems) console.error(`ingest ${tenant}: ${problem.message}`);
  }
  const config = loadConfig();
  const answerer = await createAnswerer(config);
  const semantic = semanticRetrieverFromConfig(db, config);
  for (const tenant of tenants) await semantic?.embedPending(tenant);
  const questions = readFileSync(values.questions, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => evalQuestionSchema.parse(JSON.parse(line)));
  const verdicts: Verdict[] = [];
  for (const question of questions) {
    const result = await answerQuestion({ db, answerer, semantic }, { tenant: question.tenant, asker: { by: 'id', value: question.as }, question: question.question, channel: 'eval' });
    verdicts.push(judge(question, result));
  }
  const scores = scoreVerdicts(verdicts);
  if (values.verbose) {
    for (const v of verdicts) {
      if (isRight(v)) continue;
      const e = v.question.expect;
      console.log(`✗ ${v.question.id} [${v.question.kind ?? ''}] ${v.question.tenant}/${v.question.as}: ${v.question.question}`);
      console.log(`    expected ${e.status} ${e.policyId ?? ''} v${e.version ?? ''} "${e.section ?? ''}" ${JSON.stringify(e.answerContainsAny ?? [])}`);
      console.log(`    got ${v.result.status} ${v.result.citations.map((c) => `${c.policyId} v${c.version} "${c.section}"`).join(' | ')} ${v.leaked.join(', ')}`);
      if (v.result.status === 'answered') console.log(`    ${v.result.answer.split('\n')[0]?.slice(0, 300)}`);
    }
  }
  const byKind = rightByKind(verdicts);
  if (values.json) console.log(JSON.stringify({ ...scores, ...(byKind.length > 0 ? { byKind } : {}) }));
  else {
    const f = (n: number) => n.toFixed(3);
    console.log(`questions            ${scores.questions}`);
    console.log(`citation accuracy    ${f(scores.citationAccuracy)}`);
    console.log(`answer accuracy      ${f(scores.answerAccuracy)}`);
    console.log(`abstention precision ${f(scores.abstentionPrecision)}`);
    console.log(`abstention recall    ${f(scores.abstentionRecall)}`);
    console.log(`leaks                ${scores.leaks}`);
    if (byKind.length > 0) console.log(`right by kind        ${byKind.map(({ kind, questions, right }) => `${kind} ${right}/${questions}`).join(', ')}`);
  }
} finally {
  db.close();
  rmSync(work, { recursive: true, force: true });
}
