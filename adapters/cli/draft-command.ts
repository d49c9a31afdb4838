import { readFileSync } from 'node:fs';
import { WebClient } from '@slack/web-api';
import { describeAudience, type AudienceSpec } from '../../src/comms/audience.ts';
import type { ClaimCheck } from '../../src/comms/check-claims.ts';
import type { CommsDeps } from '../../src/comms/comms-deps.ts';
import { checkDraftText } from '../../src/comms/compose-draft.ts';
import { createDraft } from '../../src/comms/create-draft.ts';
import { createDrafter } from '../../src/comms/create-drafter.ts';
import { draftStatuses, type Draft, type DraftVersion } from '../../src/comms/draft.ts';
import { listPublications } from '../../src/comms/list-publications.ts';
import { loadAnnouncementSettings } from '../../src/comms/load-announcement-settings.ts';
import { listDraftReviews, listDrafts, loadDraft, loadDraftVersion } from '../../src/comms/load-draft.ts';
import { draftRequestPattern, parseDraftRequest, tones, type DraftRequest, type Tone } from '../../src/comms/parse-draft-request.ts';
import type { Publication } from '../../src/comms/publication.ts';
import { publishDraft } from '../../src/comms/publish-draft.ts';
import { resolvePublicationPost } from '../../src/comms/resolve-publication-post.ts';
import { reviewDraft } from '../../src/comms/review-draft.ts';
import { reviseDraft } from '../../src/comms/revise-draft.ts';
import { runDuePublications } from '../../src/comms/run-due-publications.ts';
import { saveAnnouncementSettings } from '../../src/comms/save-announcement-settings.ts';
import { submitDraft } from '../../src/comms/submit-draft.ts';
import { audienceVocabulary } from '../../src/chat/intents/draft-intent.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { findPerson, groupIds } from '../../src/directory/find-person.ts';
import { UnknownPersonError, UsageError } from '../../src/errors.ts';
import { slackBotIdentity } from '../slack/slack-bot-identity.ts';
import { createSlackChannelMembers } from '../slack/slack-channel-members.ts';
import type { CliContext } from './commands.ts';
import { draftUsage } from './draft-usage.ts';
import { optionChoice, optionList, optionText, required, type Command } from './parse-command.ts';

function positiveInt(raw: string | undefined, what: string): number {
  const n = Number(raw);
  if (!raw || !Number.isInteger(n) || n <= 0) throw new UsageError(`${what} must be a positive whole number`);
  return n;
}

const draftId = (command: Command) => positiveInt(command.positionals[1], `draft ${command.positionals[0]} needs a draft id; it`);
const versionOption = (command: Command) => (optionText(command, 'version') === undefined ? undefined : positiveInt(optionText(command, 'version'), '--version'));

function toneOption(command: Command): Tone | undefined {
  const tone = optionText(command, 'tone');
  if (tone !== undefined && !(tones as readonly string[]).includes(tone)) throw new UsageError(`--tone ${tone}: use one of ${tones.join(', ')}`);
  return tone as Tone | undefined;
}

function textOption(command: Command): string | undefined {
  const file = optionText(command, 'file');
  if (file) {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`--file ${file} cannot be read: ${(error as Error).message}`);
    }
  }
  return optionText(command, 'text');
}

function flag(claim: ClaimCheck): string {
  const lines = [`  ${claim.status === 'contradicted' ? 'CONTRADICTED' : claim.status === 'unsupported' ? 'UNSUPPORTED' : 'ok'}: ${claim.sentence}`];
  if (claim.status !== 'supported') {
    lines.push(`    ${claim.explanation}`);
    if (claim.source) lines.push(`    source: "${claim.source.text}"`);
  }
  return lines.join('\n');
}

function describeVersion(draft: Draft, version: DraftVersion, reviews = ''): string {
  const flagged = version.claims.filter((claim) => claim.status !== 'supported');
  return [
    `#${draft.id} ${draft.status} — ${draft.topic} — for ${describeAudience(draft.audience)}`,
    `  version ${version.number} of ${draft.currentVersion} (${version.tone}, ${version.kind === 'template' ? 'template draft' : version.kind === 'model' ? `written by ${version.generator}` : `edited by ${version.author}`})${draft.approvedVersion ? `; version ${draft.approvedVersion} approved at ${draft.approvedAt}` : ''}`,
    ...(draft.reviewers.length ? [`  reviewers: ${draft.reviewers.join(', ')}${reviews}`] : []),
    ...(version.localMarket.length ? [`  local-market review needed: ${version.localMarket.join(', ')}`] : []),
    '',
    version.text,
    '',
    `claim check: ${version.claims.length - flagged.length} supported, ${flagged.length} flagged`,
    ...version.claims.map(flag),
    ...(version.diff ? ['', version.diff] : []),
  ].join('\n');
}

function describePublication(p: Publication): string {
  const posts = p.posts.map((post) => `${post.platform}:${post.channel} ${post.status}${post.messageRef ? ` (${post.messageRef})` : ''}`).join(', ');
  return `publication #${p.id} ${p.status}: draft #${p.draftId} version ${p.version} by ${p.requestedBy} at ${p.requestedAt}${p.status === 'scheduled' ? `, due ${p.dueAt}` : ''}${p.sentAt ? `, sent ${p.sentAt}` : ''}\n  to ${p.targets.map((t) => t.name).join(', ')} for ${describeAudience(p.audience)}${p.recipients ? ` (${p.recipients.length} people: ${p.recipients.join(', ')})` : ''}${posts ? `\n  posted: ${posts}` : ''}${p.reason ? `\n  ${p.reason}` : ''}`;
}

/** The request from the options, or from the whole text when it reads like a chat request ("draft an announcement about … for …"). */
function requestOf(command: Command, context: CliContext, tenant: string): DraftRequest {
  const text = command.positionals.slice(1).join(' ').trim();
  if (!text) throw new UsageError('draft new needs a topic: policy-desk draft new --tenant T --as USER "the new UK time-off rules"');
  const parsed = draftRequestPattern.test(text) ? parseDraftRequest(text, audienceVocabulary(context.db, tenant)) : { topic: text, audience: {}, tone: 'friendly' as Tone, notes: [] };
  const audience: AudienceSpec = { ...parsed.audience };
  for (const [key, option] of [['locations', 'location'], ['departments', 'department'], ['roles', 'role']] as const) {
    const values = optionList(command, option).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
    if (values.length) audience[key] = values;
  }
  return { topic: parsed.topic, audience, tone: toneOption(command) ?? parsed.tone, notes: [...parsed.notes, ...optionList(command, 'note')] };
}

/** Publishing checks live channel members: Slack's when the bot token is configured; otherwise a Slack channel is refused. */
function commsDeps(context: CliContext, drafter?: CommsDeps['drafter']): CommsDeps {
  const config = loadConfig(context.io.env);
  const deps: CommsDeps = { ...context.deps, ...(drafter ? { drafter } : {}) };
  if (config.slack) {
    const client = new WebClient(config.slack.botToken, config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {});
    deps.membersOf = { slack: createSlackChannelMembers(context.db, client, slackBotIdentity(config.slack)) };
  }
  return deps;
}

/** `policy-desk draft ...`: announcement drafts from the command line, the same workflow as in chat. */
export async function draftCommand(command: Command, context: CliContext): Promise<number> {
  const { io, db } = context;
  const [action] = command.positionals;
  const print = (value: unknown, text: string) => io.stdout.write(command.json ? `${JSON.stringify(value)}\n` : `${text}\n`);
  const tenant = () => required(command.tenant, 'tenant');
  const as = () => required(command.as, 'as');
  const show = (draft: Draft, note?: string) => {
    const version = loadDraftVersion(db, draft);
    const approvals = listDraftReviews(db, draft, version.number).filter((r) => r.decision === 'approve').map((r) => `${r.group} ✓ ${r.reviewer}`);
    print({ draft, version, ...(note ? { note } : {}) }, `${describeVersion(draft, version, approvals.length ? ` (${approvals.join(', ')})` : '')}${note ? `\n${note}` : ''}`);
    return 0;
  };
  switch (action) {
    case 'new': {
      const t = tenant();
      const config = loadConfig(io.env);
      const result = await createDraft(commsDeps(context, await createDrafter(config)), { tenant: t, actor: as(), request: requestOf(command, context, t), conversation: 'cli' });
      return show(result.draft, result.note);
    }
    case 'show': {
      const draft = loadDraft(db, tenant(), draftId(command));
      const version = loadDraftVersion(db, draft, versionOption(command));
      print({ draft, version, reviews: listDraftReviews(db, draft) }, describeVersion(draft, version));
      return 0;
    }
    case 'edit': {
      const text = textOption(command);
      if (text === undefined) throw new UsageError('draft edit needs the new text: --file FILE or --text TEXT');
      const result = await reviseDraft(commsDeps(context), { tenant: tenant(), id: draftId(command), actor: as(), revision: { edit: text } });
      return show(result.draft);
    }
    case 'regenerate': {
      const tone = toneOption(command);
      const result = await reviseDraft(commsDeps(context, await createDrafter(loadConfig(io.env))), { tenant: tenant(), id: draftId(command), actor: as(), revision: { regenerate: tone ? { tone } : {} } });
      return show(result.draft, result.note);
    }
    case 'check': {
      const t = tenant();
      const text = textOption(command);
      let claims: ClaimCheck[];
      if (text !== undefined) {
        const person = findPerson(db, t, 'id', as());
        if (!person) throw new UnknownPersonError(`${as()} is not in the directory of ${t}.`);
        const request = requestOf({ ...command, positionals: ['new', 'check'] }, context, t);
        claims = checkDraftText(db, { tenant: t, drafter: person, audience: request.audience, notes: request.notes, today: (context.deps.now?.() ?? new Date()).toISOString().slice(0, 10), text }).claims;
      } else {
        const draft = loadDraft(db, t, draftId(command));
        claims = loadDraftVersion(db, draft, versionOption(command)).claims;
      }
      const flagged = claims.filter((claim) => claim.status !== 'supported');
      print({ claims }, [`${claims.length - flagged.length} supported, ${flagged.length} flagged`, ...claims.map(flag)].join('\n'));
      return flagged.length > 0 ? 1 : 0;
    }
    case 'submit': {
      const result = submitDraft(commsDeps(context), { tenant: tenant(), id: draftId(command), actor: as() });
      if (!command.json) io.stdout.write(`sent to reviewers:\n${result.reasons.map((reason) => `  ${reason}`).join('\n')}\n`);
      return command.json ? show(result.draft) : 0;
    }
    case 'approve':
    case 'request-changes': {
      const review = action === 'approve' ? ({ decision: 'approve' } as const) : ({ decision: 'request_changes', comment: optionText(command, 'comment') ?? optionText(command, 'reason') ?? '' } as const);
      const result = reviewDraft(commsDeps(context), { tenant: tenant(), id: draftId(command), actor: as(), version: versionOption(command), review });
      print(result, `${result.outcome.replace(/_/g, ' ')}: #${result.draft.id} is ${result.draft.status.replace('_', ' ')}`);
      return 0;
    }
    case 'publish': {
      const raw = optionText(command, 'at');
      const at = raw === undefined ? undefined : new Date(raw);
      if (at && Number.isNaN(at.getTime())) throw new UsageError(`--at ${raw} is not a time (ISO 8601, e.g. 2026-03-03T09:00Z)`);
      const publication = await publishDraft(commsDeps(context), { tenant: tenant(), id: draftId(command), actor: as(), channels: optionList(command, 'channel'), version: versionOption(command), ...(at ? { at } : {}) });
      print(publication, describePublication(publication));
      return 0;
    }
    case 'history': {
      const id = command.positionals[1] === undefined ? undefined : draftId(command);
      const publications = listPublications(db, tenant(), id === undefined ? {} : { draftId: id });
      if (command.json) for (const p of publications) io.stdout.write(`${JSON.stringify(p)}\n`);
      else io.stdout.write(`${publications.length ? publications.map(describePublication).join('\n') : 'no publications'}\n`);
      return 0;
    }
    case 'resolve-post': {
      const found = optionText(command, 'found');
      if (found !== 'posted' && found !== 'not-posted') throw new UsageError('draft resolve-post needs --found posted (the post is in the channel) or --found not-posted (it is not: post it again)');
      const [channel, ...more] = optionList(command, 'channel');
      if (!channel || more.length > 0) throw new UsageError('draft resolve-post needs one --channel: the channel whose post was checked');
      const publicationId = positiveInt(command.positionals[1], 'draft resolve-post needs a publication id (see draft history); it');
      const publication = resolvePublicationPost(context.db, { tenant: tenant(), publicationId, channel, actor: as(), outcome: found, at: context.deps.now?.() ?? new Date() });
      print(publication, `${found === 'posted' ? 'recorded as posted' : 'queued to post again'}:\n${describePublication(publication)}`);
      return 0;
    }
    case 'list': {
      const drafts = listDrafts(db, tenant(), { status: optionChoice(command, 'status', draftStatuses) });
      print(drafts, drafts.length ? drafts.map((d) => `#${d.id} ${d.status} v${d.currentVersion} — ${d.topic} — for ${describeAudience(d.audience)} (by ${d.createdBy})`).join('\n') : 'no drafts');
      return 0;
    }
    case 'timers': {
      const sent = await runDuePublications(commsDeps(context));
      print({ sent }, `${sent} scheduled publication${sent === 1 ? '' : 's'} sent`);
      return 0;
    }
    case 'channels': {
      const dir = command.positionals[2];
      if (command.positionals[1] !== 'load' || !dir) throw new UsageError('usage: policy-desk draft channels load DIR --tenant T');
      const t = tenant();
      const settings = loadAnnouncementSettings(dir, groupIds(db, t));
      const changed = saveAnnouncementSettings(db, t, settings, { at: context.deps.now?.() ?? new Date(), by: command.as ?? 'cli' });
      print({ changed, channels: settings.channels }, `${t}: ${settings.channels.length} announcement channels${changed ? '' : ' (unchanged)'}`);
      return 0;
    }
    default:
      throw new UsageError(`draft needs one of: new, show, edit, regenerate, check, submit, approve, request-changes, publish, history, resolve-post, list, timers, channels\n${draftUsage}`);
  }
}
