import { z } from 'zod';

/** A TEXT column holding JSON, read back through `schema`: the schema is built once, not for every row. */
export const jsonColumn = <T extends z.ZodType>(schema: T) => z.string().transform((text) => schema.parse(JSON.parse(text)) as z.output<T>);

/** A TEXT column holding a JSON array of strings (a heading path, roles, recipients...). */
export const stringListColumn = jsonColumn(z.array(z.string()));
