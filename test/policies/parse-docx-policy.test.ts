import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyFileError } from '../../src/errors.ts';
import { ingestPolicies } from '../../src/policies/ingest-policies.ts';
import { loadCatalog } from '../../src/policies/load-catalog.ts';
import { docxHtmlToMarkdown, parseDocxPolicy, sidecarPath } from '../../src/policies/parse-docx-policy.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { buildDocx } from '../support/build-docx.ts';
import { tempDir } from '../support/temp-dir.ts';

const remoteWork = buildDocx([
  { heading: 'Remote work policy' },
  { paragraph: 'You may work from home up to three days a week.' },
  { heading: 'Home office equipment', level: 2 },
  { paragraph: 'Acme pays for the equipment below, once every three years.' },
  { table: [['Item', 'Budget'], ['Desk', '$300'], ['Chair', '$250 & delivery']] },
]);

const sidecar = 'id: remote-work\ntitle: Remote work policy\nversion: "1.0"\neffective: 2026-01-01\nowner: hr\n';

function writeWordPolicy(dir: string, name: string, docx: Buffer | string, yaml?: string): string {
  const file = join(dir, name);
  writeFileSync(file, docx);
  if (yaml !== undefined) writeFileSync(sidecarPath(file), yaml);
  return file;
}

describe('Word policies', () => {
  it('keep their front-matter in a sidecar NAME.yml', () => {
    expect(sidecarPath('/handbook/Remote Work.DOCX')).toBe('/handbook/Remote Work.yml');
  });

  it('are read with mammoth: headings become sections, table rows are labelled', async () => {
    const file = writeWordPolicy(tempDir(), 'remote-work.docx', remoteWork, sidecar);
    const policy = await parseDocxPolicy(file);
    expect(policy.metadata).toMatchObject({ id: 'remote-work', title: 'Remote work policy', version: '1.0', effective: '2026-01-01', owner: 'hr' });
    expect(policy.sections).toEqual([
      { heading: 'Remote work policy', path: [], blocks: ['You may work from home up to three days a week.'] },
      {
        heading: 'Home office equipment',
        path: ['Remote work policy'],
        blocks: ['Acme pays for the equipment below, once every three years.', 'Item: Desk; Budget: $300', 'Item: Chair; Budget: $250 & delivery'],
      },
    ]);
  });

  it('take a title the sidecar leaves out from the first heading', async () => {
    const file = writeWordPolicy(tempDir(), 'remote-work.docx', remoteWork, sidecar.replace('title: Remote work policy\n', ''));
    expect((await parseDocxPolicy(file)).metadata.title).toBe('Remote work policy');
  });

  it('keep an unquoted version in the sidecar as written', async () => {
    const file = writeWordPolicy(tempDir(), 'remote-work.docx', remoteWork, sidecar.replace('version: "1.0"', 'version: 1.10'));
    expect((await parseDocxPolicy(file)).metadata.version).toBe('1.10');
  });

  it('are refused without a sidecar, naming the document and the sidecar it needs', async () => {
    const file = writeWordPolicy(tempDir(), 'remote-work.docx', remoteWork);
    const error = await parseDocxPolicy(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyFileError);
    expect(error).toMatchObject({ file, field: 'front-matter' });
    expect((error as Error).message).toContain('remote-work.yml');
  });

  it('are refused when the sidecar is not valid YAML, naming the sidecar', async () => {
    const file = writeWordPolicy(tempDir(), 'remote-work.docx', remoteWork, 'id: [remote-work\n');
    await expect(parseDocxPolicy(file)).rejects.toMatchObject({ file: sidecarPath(file), field: 'front-matter' });
  });

  it('are refused when the sidecar is not UTF-8, naming the sidecar', async () => {
    const file = writeWordPolicy(tempDir(), 'remote-work.docx', remoteWork);
    writeFileSync(sidecarPath(file), Buffer.from(sidecar.replace('Remote work', 'Télétravail'), 'latin1'));
    await expect(parseDocxPolicy(file)).rejects.toThrow(`${sidecarPath(file)}: not UTF-8 text: line 2`);
  });

  it('are refused when the sidecar is not a mapping', async () => {
    const file = writeWordPolicy(tempDir(), 'remote-work.docx', remoteWork, '- remote-work\n');
    await expect(parseDocxPolicy(file)).rejects.toThrow(/not a mapping/);
  });

  it('name the field when the sidecar misses one', async () => {
    const file = writeWordPolicy(tempDir(), 'remote-work.docx', remoteWork, sidecar.replace('owner: hr\n', ''));
    await expect(parseDocxPolicy(file)).rejects.toMatchObject({ file, field: 'owner' });
  });

  it('are refused when the file is not a Word document', async () => {
    const file = writeWordPolicy(tempDir(), 'remote-work.docx', 'this is not a zip file', sidecar);
    await expect(parseDocxPolicy(file)).rejects.toThrow(/not a readable Word document/);
  });

  it('are ingested next to Markdown ones, and the sidecar is not read as a policy', async () => {
    const dir = tempDir();
    writeWordPolicy(dir, 'remote-work.docx', remoteWork, sidecar);
    writeWordPolicy(dir, '~$remote-work.docx', 'Word lock file');
    const db = openDatabase(':memory:');
    const report = await ingestPolicies(db, 'acme', dir);
    expect(report).toEqual({ added: ['remote-work.docx'], updated: [], unchanged: [], problems: [], warnings: [] });
    expect(loadCatalog(db, 'acme').versions.map((v) => [v.policyId, v.version])).toEqual([['remote-work', '1.0']]);
    expect((await ingestPolicies(db, 'acme', dir)).unchanged).toEqual(['remote-work.docx']);
    db.close();
  });
});

describe('mammoth HTML to Markdown', () => {
  it('turns headings, paragraphs and list items into blocks and keeps tables whole', () => {
    const markdown = docxHtmlToMarkdown('<h2>Scope\n</h2><p>Intro.</p><ul><li>One</li><li>Two</li></ul><table><tr><td>a</td></tr>\n<tr><td>b</td></tr></table>');
    expect(markdown).toContain('## Scope');
    expect(markdown).toMatch(/\n- One\n[\s\S]*\n- Two\n/);
    // One table row per line, the table starting on a line of its own: what the section splitter reads.
    expect(markdown).toMatch(/\n<table>\n<tr><td>a<\/td><\/tr> \n<tr><td>b<\/td><\/tr><\/table>\n/);
  });
});
