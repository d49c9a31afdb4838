import { z } from 'zod';

/** Strings in YAML are often written unquoted as numbers (`version: 2`). */
export const looseString = z
  .union([z.string(), z.number()], { error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
  .transform((value) => String(value).trim());

/** A version string: required, never empty. */
export const versionField = looseString.pipe(z.string().min(1, 'must not be empty'));

/** A rule id: shown on refusals and in audit records, so it must read as a name. */
export const ruleIdField = looseString.pipe(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit'),
);

/** Readable text shown to people (a refusal reason). */
export const textField = looseString.pipe(z.string().min(1, 'must not be empty'));

/**
 * One value or a list of them (`roles: comms` or `roles: [comms, admin]`),
 * always a non-empty list without repeats afterwards. The list form is what
 * rules are stored as, so stored rules parse again to themselves.
 */
export function oneOrMany<T extends z.ZodType>(item: T) {
  return z
    .preprocess((value) => (value === null ? [] : value === undefined || Array.isArray(value) ? value : [value]), z.array(item).min(1, 'must list at least one value'))
    .transform((list) => [...new Set(list)]);
}

/** A non-empty list of names (roles, groups, departments, locations, ids). */
export const nameList = oneOrMany(looseString.pipe(z.string().min(1, 'must not be empty')));
