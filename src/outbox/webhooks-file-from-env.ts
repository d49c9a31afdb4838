/** The webhooks file named by `WEBHOOKS_FILE`, or undefined when no webhooks are configured. */
export function webhooksFileFromEnv(env: Record<string, string | undefined> = process.env): string | undefined {
  const file = env.WEBHOOKS_FILE?.trim();
  return file ? file : undefined;
}
