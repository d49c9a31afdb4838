import { findPerson } from '../directory/find-person.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import type { Draft, DraftVersion } from './draft.ts';
import { mayReadDraft } from './may-read-draft.ts';

/**
 * The reviewer groups in which nobody could review a version: no member
 * other than its drafter and author may read every source it quotes (a
 * reviewer must read what they approve). Such a draft would wait forever.
 */
export function groupsNobodyMayReview(db: Db, draft: Draft, version: DraftVersion, groups: string[]): string[] {
  const members = (group: string) =>
    statement<[string, string], { user_id: string }>(db, 'SELECT user_id FROM directory_group_members WHERE tenant = ? AND group_id = ?')
      .all(draft.tenant, group)
      .map((row) => row.user_id);
  return groups.filter(
    (group) =>
      !members(group).some((id) => {
        if (id === draft.createdBy || id === version.author) return false;
        const person = findPerson(db, draft.tenant, 'id', id);
        return person !== undefined && mayReadDraft(db, person, version);
      }),
  );
}
