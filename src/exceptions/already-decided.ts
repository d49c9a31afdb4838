import { AlreadyDecidedError } from '../errors.ts';
import { findPerson } from '../directory/find-person.ts';
import type { Db } from '../storage/open-database.ts';
import type { ExceptionRequest } from './exception-request.ts';

/** The refusal of a click or an answer on a request that is no longer open: who decided it, by name, and when. */
export function alreadyDecided(db: Db, request: ExceptionRequest): AlreadyDecidedError {
  const decider = request.decidedBy ? findPerson(db, request.tenant, 'id', request.decidedBy) : undefined;
  return new AlreadyDecidedError(request.status, request.decidedBy, request.decidedAt, decider?.name);
}
