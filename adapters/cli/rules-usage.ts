/** Usage lines of `policy-desk rules`. */
export const rulesUsage = `  policy-desk rules load DIR --tenant T [--db FILE] [--json]   DIR/access.yml and DIR/routing.yml (docs/rules.md)
  policy-desk rules show --tenant T [--db FILE] [--json]
`;
