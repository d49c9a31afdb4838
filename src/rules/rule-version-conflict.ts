import { PolicyDeskError } from '../errors.ts';

/** Rules were loaded under a version string that already names different content. */
export class RuleVersionConflict extends PolicyDeskError {
  readonly tenant: string;
  readonly kind: string;
  readonly version: string;

  constructor(tenant: string, kind: string, version: string) {
    super(
      'rule_version_conflict',
      `${kind} rules version "${version}" of tenant ${tenant} were loaded before with different content; give the new rules a new version`,
    );
    this.tenant = tenant;
    this.kind = kind;
    this.version = version;
  }
}
