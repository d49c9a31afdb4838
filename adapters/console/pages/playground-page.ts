import type { ExceptionRequest } from '../../../src/exceptions/exception-request.ts';
import type { DirectoryEntry } from '../../../src/reports/list-directory-people.ts';
import type { NoticeRow } from '../../../src/reports/notices-for-person.ts';
import { cardToHtml, formToHtml } from '../card-to-html.ts';
import type { ConsoleAccess } from '../console-access.ts';
import type { ConsoleContext } from '../console-context.ts';
import type { HistoryEntry } from '../conversation-history.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, layout } from '../layout.ts';
import { noticeToHtml } from '../notice-to-html.ts';
import { requesterCard } from '../requester-card.ts';
import { personChooser } from './sign-in-page.ts';

const back = '/console/playground';

/** Questions the example handbooks answer, to start with. */
const examples = ["What's the hotel limit per night?", 'Can I fly business class?', 'How many vacation days do I get?', 'Can I work from abroad?'];

function entryToHtml(ctx: ConsoleContext, entry: HistoryEntry): SafeHtml {
  const options = { csrf: ctx.csrf, back, idPrefix: `h${entry.id}` };
  const time = html`<time datetime="${entry.at}">${entry.at.slice(11, 16)}</time>`;
  switch (entry.body.kind) {
    case 'text':
      return html`<li class="said ${entry.author}" id="m${entry.id}"><span class="sr-only">${entry.author === 'person' ? 'You' : 'Policy Desk'}:</span><p>${entry.body.text}</p>${time}</li>`;
    case 'card':
      return html`<li class="said bot" id="m${entry.id}"><span class="sr-only">Policy Desk:</span>${cardToHtml(entry.body.card, options)}${time}</li>`;
    case 'form':
      return html`<li class="said bot" id="m${entry.id}"><span class="sr-only">Policy Desk:</span><div class="card">${formToHtml(entry.body.form, options)}</div>${time}</li>`;
  }
}

/**
 * The chat playground: a personal conversation with the bot as the signed-in
 * person, through the same router and cards as Slack and Teams, with their
 * own exception requests beside it and, in local mode, who to act as.
 */
export function playgroundPage(
  ctx: ConsoleContext,
  page: { access: ConsoleAccess; history: HistoryEntry[]; requests: ExceptionRequest[]; notices: NoticeRow[]; names: Map<string, string>; directory: { tenant: string; people: DirectoryEntry[] }[] | undefined },
): SafeHtml {
  const viewer = ctx.viewer!;
  return layout(ctx, {
    title: 'Chat playground',
    current: back,
    access: page.access,
    body: html`<div class="playground">
<section class="chat" aria-label="Conversation">
  <ol class="history" role="log" aria-live="polite" aria-label="Conversation with Policy Desk">
    ${page.history.length === 0 && html`<li class="said bot"><p>Hi ${viewer.person.name.split(' ')[0]}! Ask me about a company policy. I answer only from the policies you may see, and cite them.</p></li>`}
    ${page.history.map((entry) => entryToHtml(ctx, entry))}
  </ol>
  <form method="post" action="/console/chat/message" class="composer">
    ${csrfField(ctx.csrf)}
    <input type="hidden" name="back" value="${back}">
    <label for="text" class="sr-only">Your message</label>
    <input type="text" id="text" name="text" autocomplete="off" maxlength="4000" placeholder="Ask about a policy…" required autofocus>
    <button type="submit" class="primary">Send</button>
  </form>
  <div class="examples" aria-label="Example questions">
    ${examples.map((text) => html`<form method="post" action="/console/chat/message" class="inline">${csrfField(ctx.csrf)}<input type="hidden" name="back" value="${back}"><input type="hidden" name="text" value="${text}"><button type="submit" class="chip">${text}</button></form>`)}
  </div>
</section>
<aside aria-label="Notices, your exception requests and identity">
  ${page.notices.length > 0 && html`<h2>Notices</h2><ol class="notices" aria-label="What you would have been told in Slack or Teams">${page.notices.map((notice) => noticeToHtml(notice, { csrf: ctx.csrf, back, idPrefix: `n${notice.id}` }, (id) => page.names.get(id) ?? id))}</ol>`}
  <h2>Your exception requests</h2>
  ${page.requests.length === 0 ? html`<p class="muted">None yet. Ask a question, then use <strong>Request an exception</strong> under the answer.</p>` : page.requests.map((request) => cardToHtml(requesterCard(ctx.deps.db, request), { csrf: ctx.csrf, back, idPrefix: `r${request.id}` }))}
  ${page.directory && html`<h2>Act as someone else</h2>${personChooser(ctx, page.directory, { back, label: 'Directory person', submit: 'Switch' })}`}
</aside>
</div>`,
  });
}
