-- Who belongs to which directory group, a row each: finding a person's groups
-- (every question and every click does) is then an index lookup, instead of
-- reading every group's member list of the tenant (about 1 ms a person with
-- 10,000 people, growing with the directory). directory_groups.members keeps
-- the list as loaded; saveDirectory writes both in one transaction.
CREATE TABLE directory_group_members (
  tenant   TEXT NOT NULL,
  group_id TEXT NOT NULL,
  user_id  TEXT NOT NULL,
  PRIMARY KEY (tenant, user_id, group_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO directory_group_members (tenant, group_id, user_id)
  SELECT directory_groups.tenant, directory_groups.group_id, json_each.value
    FROM directory_groups, json_each(directory_groups.members);
