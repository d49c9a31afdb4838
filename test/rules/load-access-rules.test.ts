import { describe, expect, it } from 'vitest';
import { RulesFileError } from '../../src/rules/rules-file-error.ts';
import { loadAccessRules } from '../../src/rules/load-access-rules.ts';
import { writeRulesFile } from './write-rules-file.ts';

const load = (text: string) => loadAccessRules(writeRulesFile('access.yml', text));

/** The error loading `text` gives: its file, field and message. */
function refusal(text: string): { file: string; field: string | undefined; message: string } {
  try {
    load(text);
  } catch (error) {
    expect(error).toBeInstanceOf(RulesFileError);
    const { file, field, message } = error as RulesFileError;
    expect(message.startsWith(file)).toBe(true);
    return { file, field, message };
  }
  throw new Error('expected the file to be refused');
}

describe('reading access.yml', () => {
  it('reads allow and deny rules, one action or a list, and who they are for', () => {
    const rules = load(`
version: "2026.1"
allow:
  - id: comms-announce
    action: [draft, publish]
    groups: [comms]
    reason: Internal communications sends announcements.
  - id: staff-ask
    action: ask
    everyone: true
    reason: Everyone may ask.
  - id: uk-admins
    action: administer
    roles: admin
    locations: [UK]
    departments: [it, hr]
    reason: UK IT and HR administrators.
deny:
  - id: no-auditors
    action: decide
    roles: [auditor]
    reason: Auditors stay independent.
`);
    expect(rules).toEqual({
      version: '2026.1',
      allow: [
        { id: 'comms-announce', action: ['draft', 'publish'], groups: ['comms'], reason: 'Internal communications sends announcements.' },
        { id: 'staff-ask', action: ['ask'], everyone: true, reason: 'Everyone may ask.' },
        { id: 'uk-admins', action: ['administer'], roles: ['admin'], locations: ['UK'], departments: ['it', 'hr'], reason: 'UK IT and HR administrators.' },
      ],
      deny: [{ id: 'no-auditors', action: ['decide'], roles: ['auditor'], reason: 'Auditors stay independent.' }],
    });
  });

  it('takes a version written as a number, and files without allow or deny rules', () => {
    expect(load('version: 3\n')).toEqual({ version: '3', allow: [], deny: [] });
  });

  it('reads what it stores: the parsed rules parse again to themselves', async () => {
    const { accessRulesSchema } = await import('../../src/rules/access-rules-schema.ts');
    const rules = load('version: "1"\nallow:\n  - id: a\n    action: ask\n    roles: employee\n    everyone: false\n    reason: r\n');
    expect(accessRulesSchema.parse(JSON.parse(JSON.stringify(rules)))).toEqual(rules);
  });

  describe('refuses, naming the file and the field', () => {
    const rule = (lines: string) => `version: "1"\nallow:\n  - id: ok\n    action: ask\n    everyone: true\n    reason: fine\n  - ${lines.trim().split('\n').join('\n    ')}\n`;

    it.each([
      ['a missing version', 'allow: []\n', 'version', /is required/],
      ['an empty version', 'version: ""\n', 'version', /must not be empty/],
      ['an unknown top-level key', 'version: "1"\nallows: []\n', 'allows', /not a known key/],
      ['allow that is not a list', 'version: "1"\nallow: everyone\n', 'allow', /expected array/],
      ['an unknown action', rule('id: x\naction: publsh\nroles: [comms]\nreason: r'), 'allow[1].action[0]', /"publsh" is not an action; use one of ask, request, decide, draft, publish, administer, read-audit/],
      ['an unknown action in a list', rule('id: x\naction: [ask, delete]\neveryone: true\nreason: r'), 'allow[1].action[1]', /"delete" is not an action/],
      ['a missing action', rule('id: x\neveryone: true\nreason: r'), 'allow[1].action', /is required/],
      ['an empty action list', rule('id: x\naction: []\neveryone: true\nreason: r'), 'allow[1].action', /at least one/],
      ['a missing id', rule('action: ask\neveryone: true\nreason: r'), 'allow[1].id', /is required/],
      ['an id with spaces', rule('id: my rule\naction: ask\neveryone: true\nreason: r'), 'allow[1].id', /letters, digits/],
      ['a missing reason', rule('id: x\naction: ask\neveryone: true'), 'allow[1].reason', /is required/],
      ['an empty reason', rule('id: x\naction: ask\neveryone: true\nreason: ""'), 'allow[1].reason', /must not be empty/],
      ['a rule for nobody', rule('id: x\naction: ask\nreason: r'), 'allow[1]', /say who the rule is for/],
      ['everyone with other keys', rule('id: x\naction: ask\neveryone: true\nroles: [admin]\nreason: r'), 'allow[1].everyone', /cannot be combined with roles/],
      ['everyone that is not true or false', rule('id: x\naction: ask\neveryone: yes please\nreason: r'), 'allow[1].everyone', /expected boolean/],
      ['a misspelt key (role for roles)', rule('id: x\naction: ask\nrole: admin\nreason: r'), 'allow[1].role', /not a known key/],
      ['an empty roles list', rule('id: x\naction: ask\nroles: []\nreason: r'), 'allow[1].roles', /at least one/],
      ['a roles key without values', rule('id: x\naction: ask\nroles:\nreason: r'), 'allow[1].roles', /at least one/],
      ['an empty group name', rule('id: x\naction: ask\ngroups: [""]\nreason: r'), 'allow[1].groups[0]', /must not be empty/],
      ['a location that is not text', rule('id: x\naction: ask\nlocations: [{ country: UK }]\nreason: r'), 'allow[1].locations[0]', /must be text/],
      ['an id used twice', rule('id: ok\naction: ask\neveryone: true\nreason: r'), 'allow[1].id', /"ok" is used twice/],
      ['a deny rule reusing an allow id', 'version: "1"\nallow:\n  - { id: a, action: ask, everyone: true, reason: r }\ndeny:\n  - { id: a, action: ask, roles: [x], reason: r }\n', 'deny[0].id', /"a" is used twice/],
      ['a bad deny rule', 'version: "1"\ndeny:\n  - { id: d, action: ask, roles: [x] }\n', 'deny[0].reason', /is required/],
    ])('%s', (_name, text, field, message) => {
      const error = refusal(text);
      expect(error.field).toBe(field);
      expect(error.message).toMatch(/access\.yml \(/);
      expect(error.message).toMatch(message);
    });

    it('YAML that does not parse, or is not a mapping', () => {
      expect(refusal('version: "1\nallow: [').message).toMatch(/access\.yml: not valid YAML/);
      expect(refusal('- just\n- a list\n').message).toMatch(/access\.yml: must be a YAML mapping/);
    });

    it('an empty file (no version)', () => {
      expect(refusal('').field).toBe('version');
    });

    it('a file that does not exist', () => {
      expect(() => loadAccessRules('/nowhere/access.yml')).toThrow(/\/nowhere\/access\.yml: cannot be read/);
    });
  });
});
