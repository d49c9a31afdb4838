import { z } from 'zod';
import { ModelOutputError } from '../../errors.ts';

// zod 4 numbers are finite: NaN and ±Infinity are rejected.
const vectorsSchema = z.array(z.array(z.number(), { error: 'expected an array of numbers' }).min(1, 'is empty'));

function describe(issue: z.core.$ZodIssue): string {
  const [vector, value] = issue.path;
  const where = vector === undefined ? 'the reply' : `vector ${String(vector)}${value === undefined ? '' : `, value ${String(value)}`}`;
  return `${where}: ${issue.message}`;
}

/**
 * Checks what an embeddings endpoint returned for `count` texts: one
 * non-empty vector of finite numbers per text, all of one length. Anything
 * else is a `ModelOutputError` naming `source` and the first problems.
 */
export function parseEmbeddings(raw: unknown, count: number, source: string): number[][] {
  const parsed = vectorsSchema
    .length(count, `expected ${count} vector(s), one per input`)
    .superRefine((vectors, context) => {
      const dimensions = vectors[0]?.length;
      vectors.forEach((vector, index) => {
        if (vector.length !== dimensions) {
          context.addIssue({ code: 'custom', path: [index], message: `has ${vector.length} dimensions where vector 0 has ${dimensions}` });
        }
      });
    })
    .safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 3).map(describe).join('; ');
    throw new ModelOutputError(`the ${source} returned unusable embeddings: ${problems}`, { cause: parsed.error });
  }
  return parsed.data;
}
