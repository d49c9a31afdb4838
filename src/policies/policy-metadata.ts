import { z } from 'zod';

const isoDate = z
  .union([z.string(), z.date()])
  .transform((value, ctx) => {
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : value.trim();
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    const date = match ? new Date(`${text}T00:00:00Z`) : undefined;
    if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a date (YYYY-MM-DD)` });
      return z.NEVER;
    }
    return text;
  });

/** Strings in YAML are often written unquoted as numbers (`version: 2`). */
const looseString = z.union([z.string(), z.number()]).transform((value) => String(value).trim());

const stringList = z
  .union([looseString, z.array(looseString)])
  .transform((value) => (Array.isArray(value) ? value : [value]).filter((item) => item !== ''));

export const audienceSchema = z
  .object({
    departments: stringList.optional(),
    locations: stringList.optional(),
    roles: stringList.optional(),
    groups: stringList.optional(),
  })
  .strict();

export type Audience = z.infer<typeof audienceSchema>;

export const classifications = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Classification = (typeof classifications)[number];
export const statuses = ['current', 'retired', 'draft'] as const;
export type PolicyStatus = (typeof statuses)[number];

/** Handbook exporters sometimes write a missing title as "None" or "null". */
const placeholderTitles = new Set(['', 'none', 'null', 'undefined', 'untitled']);

/**
 * The front-matter of one policy version (`shared/spec/formats.md`). Keys that
 * other tools put in front-matter (layout, permalink, tags...) are ignored.
 */
export const policyMetadataSchema = z.object({
  id: looseString.pipe(
    z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-"'),
  ),
  title: looseString
    .transform((title) => title.replace(/^[*_]+|[*_]+$/g, '').trim())
    .optional()
    .transform((title) => (title && !placeholderTitles.has(title.toLowerCase()) ? title : undefined)),
  version: looseString.pipe(z.string().min(1, 'must not be empty')),
  effective: isoDate,
  status: z.enum(statuses).default('current'),
  owner: looseString.pipe(z.string().min(1, 'must name the owner group')),
  classification: z.enum(classifications).default('internal'),
  audience: audienceSchema.optional(),
  jurisdiction: looseString.optional(),
  review_by: isoDate.optional(),
  exceptions: z.enum(['allowed', 'not-allowed']).default('allowed'),
  source: looseString.optional(),
});

export type PolicyMetadataInput = z.input<typeof policyMetadataSchema>;
export type PolicyMetadata = z.infer<typeof policyMetadataSchema> & { title: string };
