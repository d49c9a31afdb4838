/** Usage lines of `policy-desk exception`. */
export const exceptionUsage = `  policy-desk exception request --tenant T --as USER --justification TEXT [--clause N | --policy ID --section TEXT]
                               [--amount N --currency C] [--from DATE --to DATE] [--evidence URL]... [--json] "WHAT YOU NEED"
  policy-desk exception decide ID approve|deny|ask-info --tenant T --as USER [--reason TEXT] [--expires DATE] [--json]
  policy-desk exception answer ID --tenant T --as USER [--json] "ANSWER"
  policy-desk exception withdraw ID --tenant T --as USER [--reason TEXT] [--json]
  policy-desk exception show ID --tenant T [--json]
  policy-desk exception list --tenant T [--status pending|needs_info|approved|denied|withdrawn|expired] [--as USER] [--json]
  policy-desk exception timers [--json]      fire due SLA reminders, escalations and expiries
`;
