/** Usage lines of `policy-desk draft`. */
export const draftUsage = `  policy-desk draft new --tenant T --as USER [--tone formal|friendly|concise|executive] [--location L]... [--department D]...
                         [--role R]... [--note TEXT]... [--json] "TOPIC"      (or the whole request: "draft an announcement about ... for UK employees")
  policy-desk draft show ID --tenant T [--version N] [--json]
  policy-desk draft edit ID --tenant T --as USER (--file FILE | --text TEXT) [--json]
  policy-desk draft regenerate ID --tenant T --as USER [--tone TONE] [--json]
  policy-desk draft check --tenant T --as USER (--file FILE | --text TEXT | ID) [--location L]... [--department D]... [--role R]... [--json]
                                 claim-check a text (for that audience) or a draft
  policy-desk draft submit ID --tenant T --as USER [--json]
  policy-desk draft approve ID --tenant T --as USER [--version N] [--json]
  policy-desk draft request-changes ID --tenant T --as USER --comment TEXT [--json]
  policy-desk draft publish ID --tenant T --as USER --channel C... [--version N] [--at TIME] [--json]
  policy-desk draft history [ID] --tenant T [--json]                 publications: who, when, where, to whom
  policy-desk draft resolve-post PUBLICATION --tenant T --as USER --channel C --found posted|not-posted [--json]
                                 settle a post whose outcome was lost ("posting"), after looking at the channel
  policy-desk draft list --tenant T [--status draft|in_review|changes_requested|approved|published] [--json]
  policy-desk draft timers [--json]                                   send scheduled publications that are due
  policy-desk draft channels load DIR --tenant T                      channels.yml and comms.yml of a tenant folder
`;
