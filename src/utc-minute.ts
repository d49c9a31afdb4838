/** An ISO 8601 instant as people read it in a message: "2026-11-24 09:52 UTC". */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
