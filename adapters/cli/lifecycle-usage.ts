/** Usage lines of `policy-desk diff`, `freshness` and `ack`. */
export const lifecycleUsage = `  policy-desk diff POLICY_ID --tenant T --as USER [--from V] [--to V] [--jurisdiction J] [--db FILE] [--json]
                               the two latest versions USER may see, unless --from / --to say which
  policy-desk freshness --tenant T [--within DAYS] [--db FILE] [--json]   policies past review_by, or due within DAYS (default 30)
  policy-desk ack request POLICY_ID --tenant T --as USER [--version V] [--department D]... [--location L]... [--role R]... [--json]
  policy-desk ack record POLICY_ID --tenant T --as USER [--version V] [--json]
  policy-desk ack report POLICY_ID --tenant T --as USER [--version V] [--json]
`;
