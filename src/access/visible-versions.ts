import type { Person } from '../directory/find-person.ts';
import type { Catalog, CatalogVersion } from '../policies/load-catalog.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { applicableVersions } from './applicable-versions.ts';

/**
 * The policy versions that are guidance for one kind of person today, also
 * written to connection-local tables (`temp.visible_versions` and the
 * section texts they hold, `temp.visible_texts`, rows of `setId`) so that a
 * search restricts itself with one indexed probe per match, whatever the
 * size of the catalogue, instead of rebuilding the list on every query.
 */
export type VisibleSet = {
  setId: number;
  versions: CatalogVersion[];
  byId: Map<number, CatalogVersion>;
  idsJson: string;
};

type State = { nextId: number; sets: Map<string, VisibleSet> };
const states = new WeakMap<Db, State>();
/** Distinct (person attributes, day, catalogue) combinations kept per connection. */
const maxSets = 500;

function stateFor(db: Db): State {
  let state = states.get(db);
  if (!state) {
    db.exec(
      `CREATE TEMP TABLE IF NOT EXISTS visible_versions (
         set_id     INTEGER NOT NULL,
         version_id INTEGER NOT NULL,
         PRIMARY KEY (set_id, version_id)
       ) WITHOUT ROWID;
       CREATE TEMP TABLE IF NOT EXISTS visible_texts (
         set_id  INTEGER NOT NULL,
         text_id INTEGER NOT NULL,
         PRIMARY KEY (set_id, text_id)
       ) WITHOUT ROWID`,
    );
    state = { nextId: 1, sets: new Map() };
    states.set(db, state);
  }
  return state;
}

/**
 * Which versions a person may use as guidance today, computed once per
 * combination of what decides it (tenant catalogue generation, day,
 * department, location, roles, groups) and per connection.
 */
export function visibleVersions(db: Db, catalog: Catalog, person: Person, today: string): VisibleSet {
  const key = JSON.stringify([catalog.tenant, catalog.generation, today, person.department, person.location, person.roles, person.groups]);
  return versionSet(db, key, () => applicableVersions(person, catalog.versions, today));
}

/**
 * A set of versions written to the connection-local tables a search
 * restricts itself to, once per `key` (which must name everything that
 * decides the set): `visibleVersions` for one person, or the versions every
 * member of an announcement's audience may see.
 */
export function versionSet(db: Db, key: string, choose: () => CatalogVersion[]): VisibleSet {
  const state = stateFor(db);
  const cached = state.sets.get(key);
  if (cached) return cached;
  if (state.sets.size >= maxSets) {
    const [oldestKey, oldest] = state.sets.entries().next().value!;
    statement(db, 'DELETE FROM temp.visible_versions WHERE set_id = ?').run(oldest.setId);
    statement(db, 'DELETE FROM temp.visible_texts WHERE set_id = ?').run(oldest.setId);
    state.sets.delete(oldestKey);
  }
  const versions = choose();
  const set: VisibleSet = {
    setId: state.nextId++,
    versions,
    byId: new Map(versions.map((version) => [version.versionId, version])),
    idsJson: JSON.stringify(versions.map((version) => version.versionId)),
  };
  const insert = statement(db, 'INSERT INTO temp.visible_versions (set_id, version_id) VALUES (?, ?)');
  db.transaction(() => {
    for (const version of versions) insert.run(set.setId, version.versionId);
    statement(
      db,
      `INSERT INTO temp.visible_texts (set_id, text_id)
       SELECT DISTINCT v.set_id, s.text_id
         FROM temp.visible_versions v
        CROSS JOIN sections s ON s.version_id = v.version_id
        WHERE v.set_id = ?`,
    ).run(set.setId);
  })();
  state.sets.set(key, set);
  return set;
}
