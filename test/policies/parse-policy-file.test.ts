import { describe, expect, it } from 'vitest';
import { PolicyFileError } from '../../src/errors.ts';
import { parseMarkdownPolicy } from '../../src/policies/parse-policy-file.ts';
import { baseMetadata, policyText } from '../support/policy-text.ts';

/** Parses `text` as the file `policies/travel.md` and returns the error it throws. */
function parseError(text: string): PolicyFileError {
  try {
    parseMarkdownPolicy('policies/travel.md', text);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyFileError);
    return error as PolicyFileError;
  }
  throw new Error('expected the policy to be refused');
}

describe('parsing a Markdown policy', () => {
  it('reads the front-matter and fills the documented defaults', () => {
    const policy = parseMarkdownPolicy('travel.md', policyText(baseMetadata));
    expect(policy.metadata).toEqual({
      id: 'travel',
      title: 'Travel policy',
      version: '4.2',
      effective: '2025-03-01',
      owner: 'finance',
      status: 'current',
      classification: 'internal',
      exceptions: 'allowed',
    });
    expect(policy.file).toBe('travel.md');
  });

  it('keeps every optional field, and accepts a single audience value as a list', () => {
    const policy = parseMarkdownPolicy(
      'pto.uk.md',
      policyText({
        ...baseMetadata,
        status: 'retired',
        classification: 'confidential',
        audience: { departments: 'security', locations: ['UK', 'DE'], roles: ['manager'], groups: ['investigations'] },
        jurisdiction: 'UK',
        review_by: '2027-03-01',
        exceptions: 'not-allowed',
        source: 'Confluence export',
      }),
    );
    expect(policy.metadata).toMatchObject({
      status: 'retired',
      classification: 'confidential',
      audience: { departments: ['security'], locations: ['UK', 'DE'], roles: ['manager'], groups: ['investigations'] },
      jurisdiction: 'UK',
      review_by: '2027-03-01',
      exceptions: 'not-allowed',
      source: 'Confluence export',
    });
  });

  it('reads an unquoted version number as a string and ignores keys other tools put in front-matter', () => {
    const text = '---\nid: pto\ntitle: PTO\nversion: 5\neffective: 2026-01-01\nowner: hr\nlayout: handbook\npermalink: /pto/\n---\nText.\n';
    const { metadata } = parseMarkdownPolicy('pto.md', text);
    expect(metadata.version).toBe('5');
    expect(metadata).not.toHaveProperty('layout');
  });

  it.each([
    ['1.10', '1.10'],
    ['1.0', '1.0'],
    ['2', '2'],
    ['"4.20"', '4.20'],
  ])('keeps version %s exactly as written, not as the number YAML reads', (written, version) => {
    const text = `---\nid: parking\ntitle: Parking\nversion: ${written}\neffective: 2026-01-01\nowner: hr\n---\nText.\n`;
    expect(parseMarkdownPolicy('parking.md', text).metadata.version).toBe(version);
  });

  it('takes a missing title from the first heading', () => {
    const { metadata } = parseMarkdownPolicy('travel.md', policyText({ ...baseMetadata, title: undefined }, '# **Business travel**\n\nBook through TripDesk.\n'));
    expect(metadata.title).toBe('Business travel');
  });

  it('treats an exporter placeholder title ("None") as missing', () => {
    const { metadata } = parseMarkdownPolicy('travel.md', policyText({ ...baseMetadata, title: 'None' }, '# Business travel\n\nText.\n'));
    expect(metadata.title).toBe('Business travel');
  });

  it('takes the title from the first heading even when a sub-heading follows it directly', () => {
    const body = '# Office supplies policy\n\n## Pens\n\nPens are in the supply closet on floor two.\n';
    const { metadata, sections } = parseMarkdownPolicy('supplies.md', policyText({ ...baseMetadata, title: 'None' }, body));
    expect(metadata.title).toBe('Office supplies policy');
    expect(sections).toEqual([{ heading: 'Pens', path: ['Office supplies policy'], blocks: ['Pens are in the supply closet on floor two.'] }]);
  });

  it('hashes the text separately from the metadata, so a retired or re-dated version is not a text change', () => {
    const current = parseMarkdownPolicy('travel.md', policyText(baseMetadata));
    const retired = parseMarkdownPolicy('travel.md', policyText({ ...baseMetadata, status: 'retired', review_by: '2027-01-01' }));
    const edited = parseMarkdownPolicy('travel.md', policyText(baseMetadata, '# Travel policy\n\nThe hotel limit is $300 per night.\n'));
    expect(retired.textHash).toBe(current.textHash);
    expect(retired.metadataHash).not.toBe(current.metadataHash);
    expect(edited.textHash).not.toBe(current.textHash);
  });
});

describe('front-matter errors name the file and the field', () => {
  it.each(['id', 'version', 'effective', 'owner'])('a missing %s is required', (field) => {
    const error = parseError(policyText({ ...baseMetadata, [field]: undefined }));
    expect(error.code).toBe('policy_file_invalid');
    expect(error.file).toBe('policies/travel.md');
    expect(error.field).toBe(field);
    expect(error.message).toBe(`policies/travel.md (${field}): is required`);
  });

  it('an empty value counts as missing', () => {
    const error = parseError('---\nid: travel\ntitle: Travel\nversion:\neffective: 2025-01-01\nowner: finance\n---\nText.\n');
    expect(error.field).toBe('version');
    expect(error.message).toContain('is required');
  });

  it('a missing title with no heading to take it from', () => {
    const error = parseError(policyText({ ...baseMetadata, title: undefined }, 'Just a paragraph, no heading.\n'));
    expect(error.field).toBe('title');
    expect(error.message).toMatch(/policies\/travel\.md \(title\): is required/);
  });

  it.each([
    ['effective', '2026-02-30'],
    ['effective', 'next week'],
    ['effective', '01/03/2026'],
    ['review_by', '2027/03/01'],
    ['review_by', '2027-13-01'],
  ])('%s: "%s" is not a date', (field, value) => {
    const error = parseError(policyText({ ...baseMetadata, [field]: value }));
    expect(error.field).toBe(field);
    expect(error.message).toContain(`"${value}" is not a date (YYYY-MM-DD)`);
    expect(error.message).toContain('policies/travel.md');
  });

  it('a date written as a number has the wrong type', () => {
    const error = parseError(policyText({ ...baseMetadata, effective: 20250301 }));
    expect(error.field).toBe('effective');
    expect(error.message).toContain('wrong type');
  });

  it('an unknown classification', () => {
    const error = parseError(policyText({ ...baseMetadata, classification: 'secret' }));
    expect(error.field).toBe('classification');
    expect(error.message).toMatch(/public.*internal.*confidential.*restricted/);
  });

  it.each([
    ['status', 'active', /current.*retired.*draft/],
    ['exceptions', 'sometimes', /allowed.*not-allowed/],
    ['id', 'travel policy', /letters, digits/],
    ['version', '', /must not be empty/],
  ])('an invalid %s ("%s")', (field, value, message) => {
    const error = parseError(policyText({ ...baseMetadata, [field]: value }));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('an unknown audience key, with its path', () => {
    const error = parseError(policyText({ ...baseMetadata, classification: 'restricted', audience: { teams: ['security'] } }));
    expect(error.field).toBe('audience');
    expect(error.message).toContain('teams');
  });

  it('a file without front-matter', () => {
    const error = parseError('# Travel policy\n\nText.\n');
    expect(error.file).toBe('policies/travel.md');
    expect(error.message).toContain('no front-matter');
  });

  it('front-matter that never closes', () => {
    const error = parseError('---\nid: travel\n\n# Travel policy\n');
    expect(error.field).toBe('front-matter');
    expect(error.message).toContain('never closes');
  });

  it('malformed YAML, with the parser\'s line', () => {
    const error = parseError('---\nid: [travel\ntitle: Travel\n---\nText.\n');
    expect(error.field).toBe('front-matter');
    expect(error.message).toMatch(/line \d+/);
  });

  it('malformed YAML, with the parser\'s whole sentence on one line and the line in the file', () => {
    const error = parseError('---\nid: travel\ntitle: "Travel policy\nversion: "4.2"\n---\nText.\n');
    expect(error.message).toBe('policies/travel.md (front-matter): Missing closing "quote at line 3, column 22');
  });

  it('front-matter that is a list, not a mapping', () => {
    expect(parseError('---\n- id\n- title\n---\nText.\n').message).toContain('not a mapping');
  });

  it('a policy with no text', () => {
    const error = parseError(policyText(baseMetadata, '<!-- nothing yet -->\n'));
    expect(error.message).toContain('no text');
  });
});
