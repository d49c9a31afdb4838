import { z } from 'zod';

const id = z.union([z.string(), z.number()]).transform((value) => String(value).trim()).pipe(z.string().min(1));
// `.optional()` last so the inferred type has optional keys (`email?: string`):
// callers that build a directory in code (a provider sync, a test) need not
// spell out every absent field.
const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined || String(value).trim() === '' ? undefined : String(value).trim()))
  .optional();
const list = z.array(id).nullish().transform((value) => value ?? []);

export const directoryUserSchema = z.object({
  id,
  name: z.string().min(1),
  email: optionalText.transform((email) => email?.toLowerCase()).optional(),
  slack_id: optionalText,
  teams_id: optionalText,
  department: optionalText,
  location: optionalText,
  roles: list,
  manager: optionalText,
});

export const directoryGroupSchema = z.object({
  id,
  name: z.string().min(1),
  members: list,
  slack_channel: optionalText,
  teams_channel: optionalText,
});

/** A tenant's directory file (`shared/spec/formats.md`): who people are and the reviewer groups. */
export const directorySchema = z.object({
  users: z.array(directoryUserSchema).default([]),
  groups: z.array(directoryGroupSchema).default([]),
});

export type DirectoryUser = z.infer<typeof directoryUserSchema>;
export type DirectoryGroup = z.infer<typeof directoryGroupSchema>;
export type Directory = z.infer<typeof directorySchema>;
