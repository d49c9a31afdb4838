import type { ConsoleContext } from '../console-context.ts';
import { html } from '../html.ts';
import { csrfField, layout } from '../layout.ts';
import type { DirectoryEntry } from '../../../src/reports/list-directory-people.ts';

/** Who someone is, in one line: what they can do in the product. */
export function personLine(person: DirectoryEntry): string {
  const extra = [person.department, person.roles.filter((role) => role !== 'employee').join(', '), person.groups.length > 0 ? `reviews for ${person.groups.join(', ')}` : ''].filter(Boolean);
  return `${person.name} (${person.id})${extra.length > 0 ? ` — ${extra.join('; ')}` : ''}`;
}

/** The choice of a directory person, grouped by tenant: local sign-in, and the playground's "act as". */
export function personChooser(ctx: ConsoleContext, directory: { tenant: string; people: DirectoryEntry[] }[], options: { back: string; label: string; submit: string }) {
  const current = ctx.viewer ? `${ctx.viewer.tenant}/${ctx.viewer.person.id}` : undefined;
  return html`<form method="post" action="/console/sign-in/local" class="chooser">
  ${csrfField(ctx.csrf)}
  <input type="hidden" name="back" value="${options.back}">
  <label for="who">${options.label}</label>
  <select id="who" name="who" required>
    ${directory.map(
      ({ tenant, people }) => html`<optgroup label="${tenant}">${people.map(
        (person) => html`<option value="${tenant}/${person.id}"${current === `${tenant}/${person.id}` ? html` selected` : ''}>${personLine(person)}</option>`,
      )}</optgroup>`,
    )}
  </select>
  <button type="submit" class="primary">${options.submit}</button>
</form>`;
}

/** Local mode: pick anyone in a loaded directory (loopback only). */
export function localSignInPage(ctx: ConsoleContext, directory: { tenant: string; people: DirectoryEntry[] }[]) {
  return layout(ctx, {
    title: 'Sign in',
    body: html`<p>Local mode: this console runs on this machine only, so you may act as anyone in the example directories.
Try an employee (Ana, Tom) to ask questions and request exceptions, a reviewer (Dev for finance, Lena for HR) for the queue,
and an auditor or administrator (Priya, Olga) for audit search and trends.</p>
${personChooser(ctx, directory, { back: '/console/playground', label: 'Sign in as', submit: 'Sign in' })}
${directory.length === 0 && html`<p class="message">No directory is loaded: put <code>&lt;tenant&gt;/directory.yml</code> under POLICIES_DIR and restart.</p>`}`,
  });
}

/** With OpenID Connect: one button to the identity provider. */
export function oidcSignInPage(ctx: ConsoleContext, issuer: string) {
  return layout(ctx, {
    title: 'Sign in',
    body: html`<p>Sign in with your company account (${issuer}).</p><p><a class="button primary" href="/console/sign-in/oidc">Sign in</a></p>`,
  });
}
