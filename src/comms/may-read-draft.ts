import { everyMemberMaySee } from '../chat/every-member-may-see.ts';
import type { Person } from '../directory/find-person.ts';
import type { Db } from '../storage/open-database.ts';
import type { DraftVersion } from './draft.ts';
import { sourceVersions } from './source-versions.ts';

/** Whether a person may read a draft version: it quotes its sources, so only someone who may see every one of them. */
export function mayReadDraft(db: Db, person: Person, version: DraftVersion): boolean {
  return everyMemberMaySee(db, person.tenant, [person], sourceVersions(version));
}
