import { describe, expect, it } from 'vitest';
import { headingAnchor, splitSections } from '../../src/policies/split-sections.ts';

const byHeading = (markdown: string, title = 'Travel policy') =>
  Object.fromEntries(splitSections(markdown, title).map((section) => [section.heading, section.blocks]));

describe('splitting a policy into sections', () => {
  it('starts a section at every heading and records the headings above it', () => {
    const sections = splitSections(
      ['# Travel policy', '', 'Intro.', '', '## 3. Lodging', '', '### 3.1 Hotel limits', '', 'At most $250.', '', '## 4. Meals', '', 'Per diem.'].join('\n'),
      'Travel policy',
    );
    expect(sections).toEqual([
      { heading: 'Travel policy', path: [], blocks: ['Intro.'] },
      { heading: '3.1 Hotel limits', path: ['Travel policy', '3. Lodging'], blocks: ['At most $250.'] },
      { heading: '4. Meals', path: ['Travel policy'], blocks: ['Per diem.'] },
    ]);
  });

  it('puts text before the first heading in a section named after the policy title', () => {
    expect(splitSections('Applies to everyone.\n\n## Scope\n\nAll staff.', 'Code of conduct')[0]).toEqual({
      heading: 'Code of conduct',
      path: [],
      blocks: ['Applies to everyone.'],
    });
  });

  it('drops navigation within the page, so it makes no section of its own', () => {
    const markdown = ['→ [jump down to the checklist](#checklist)', '', '# Travel guide', '', 'See [the checklist](#checklist) before you go.', '', '- [Visas](#visas)', '- [Insurance](#insurance)'].join('\n');
    expect(splitSections(markdown, 'Travel guide')).toEqual([{ heading: 'Travel guide', path: [], blocks: ['See the checklist before you go.'] }]);
  });

  it('reads "*[Link](url) text" lines as list items, not one paragraph with stray asterisks', () => {
    const markdown = ['New Jersey offers:', '*[Disability Insurance](https://example.gov/tdi) for your own health, up to 26 weeks.', '*[Family Leave Insurance](https://example.gov/fli) to care for a loved one, up to 12 weeks.', '', '*[An emphasised link](https://example.gov)*'].join('\n');
    expect(byHeading(markdown, 'State leave')).toEqual({
      'State leave': ['New Jersey offers:', 'Disability Insurance for your own health, up to 26 weeks.', 'Family Leave Insurance to care for a loved one, up to 12 weeks.', 'An emphasised link'],
    });
  });

  it('reads setext headings (=== and ---)', () => {
    const sections = splitSections('Expenses policy\n===============\n\nIntro.\n\nReceipts\n--------\n\nKeep them.\n', 'Expenses');
    expect(sections.map(({ heading, path }) => ({ heading, path }))).toEqual([
      { heading: 'Expenses policy', path: [] },
      { heading: 'Receipts', path: ['Expenses policy'] },
    ]);
  });

  it('reads headings written without a space after the hashes, as MkDocs does, but not a channel name or a ranking starting a line', () => {
    const sections = splitSections('#Holidays\n\nIntro.\n\n##Scope.\n\nEveryone. Ask in\n#people-ops for help.\n\n#general is for news.\n\n#1 rule: book early.\n', 'Leave');
    expect(sections.map(({ heading, path, blocks }) => ({ heading, path, blocks }))).toEqual([
      { heading: 'Holidays', path: [], blocks: ['Intro.'] },
      { heading: 'Scope.', path: ['Holidays'], blocks: ['Everyone. Ask in #people-ops for help.', '#general is for news.', '#1 rule: book early.'] },
    ]);
  });

  it('reads HTML headings on a line of their own, at their level', () => {
    const sections = splitSections('# Leave\n\nIntro.\n\n<h2 id="sick-pay">Sick <em>pay</em></h2>\n\nTen days.\n\n<H3>Notes</H3>\n<p>Call by 10am.</p>\n', 'Leave');
    expect(sections.map(({ heading, path, blocks }) => ({ heading, path, blocks }))).toEqual([
      { heading: 'Leave', path: [], blocks: ['Intro.'] },
      { heading: 'Sick pay', path: ['Leave'], blocks: ['Ten days.'] },
      { heading: 'Notes', path: ['Leave', 'Sick pay'], blocks: ['Call by 10am.'] },
    ]);
  });

  it('keeps the text of MkDocs and Docusaurus admonitions and tabs with their titles, and drops their markers', () => {
    const markdown = [
      '# Leave', '', '!!! note "Before you book"', '    Ask your manager first.', '', '???+ tip', '    Book early.', '',
      ':::info Carry over', 'Five days carry over.', ':::', '', ':::note[Heads up]', 'Bank holidays are extra.', ':::', '',
      '=== "UK"', '', '    Eight bank holidays.', '', '!!! Important notice',
    ].join('\n');
    expect(splitSections(markdown, 'Leave')[0]!.blocks).toEqual([
      'Before you book: Ask your manager first.',
      'Book early.',
      'Carry over: Five days carry over.',
      'Heads up: Bank holidays are extra.',
      'UK:',
      'Eight bank holidays.',
      '!!! Important notice',
    ]);
  });

  it('keeps footnotes as text and drops their markers', () => {
    const sections = splitSections('# Leave\n\nYou get 25 days[^1].\n\n[^1]: Pro rata for part-time staff.\n    Rounded up.\n\n[handbook]: https://x.example\n', 'Leave');
    expect(sections[0]!.blocks).toEqual(['You get 25 days.', 'Pro rata for part-time staff. Rounded up.']);
  });

  it('cleans markup out of headings: bold, links, closing hashes', () => {
    const headings = splitSections('## **3.1 Lodging**\n\nA.\n\n## [Meals](#meals) ##\n\nB.\n', 'T').map((s) => s.heading);
    expect(headings).toEqual(['3.1 Lodging', 'Meals']);
  });

  it('joins hard-wrapped paragraph lines into one block', () => {
    expect(byHeading('## Airfare\n\nBook economy class\nfor short flights.\n\nSecond paragraph.\n')['Airfare']).toEqual([
      'Book economy class for short flights.',
      'Second paragraph.',
    ]);
  });

  it('turns each list item, nested ones too, into its own block with its continuation lines', () => {
    const markdown = [
      '## Before you book',
      '',
      '- Your manager approves every trip',
      '  before you book.',
      '  - Trips abroad also need your department head.',
      '    * Trips over 10 days need Finance.',
      '1. Numbered items work too.',
      '2) And this style.',
    ].join('\n');
    expect(byHeading(markdown)['Before you book']).toEqual([
      'Your manager approves every trip before you book.',
      'Trips abroad also need your department head.',
      'Trips over 10 days need Finance.',
      'Numbered items work too.',
      'And this style.',
    ]);
  });

  it('reads the items nested under an item ending with a colon with it, as a label', () => {
    const markdown = [
      '## Per country',
      '',
      'The allowance depends on where you live:',
      '',
      '* **Brazil:**',
      '  * Amount: R$200 per month.',
      '  * Paid with your salary.',
      '* **Other countries:**',
      '  * Amount: US$100 per month.',
      '* Ask HR when you move.',
      '  * Not a label: its parent has no colon.',
      '',
      'A paragraph ends the list.',
      '',
      '  * An indented item with no parent.',
    ].join('\n');
    expect(byHeading(markdown)['Per country']).toEqual([
      'The allowance depends on where you live:',
      'Brazil: Amount: R$200 per month.',
      'Brazil: Paid with your salary.',
      'Other countries: Amount: US$100 per month.',
      'Ask HR when you move.',
      'Not a label: its parent has no colon.',
      'A paragraph ends the list.',
      'An indented item with no parent.',
    ]);
  });

  it('labels HTML table rows "Header: value", decoding entities', () => {
    const markdown = [
      '## Per diem',
      '',
      '<table>',
      '  <tr><th>Region</th><th>Daily allowance</th></tr>',
      '  <tr><td>United Kingdom</td><td>&pound;60 per day</td></tr>',
      '  <tr><td>Germany</td><td>&euro;65&nbsp;per day</td></tr>',
      '</table>',
    ].join('\n');
    expect(byHeading(markdown)['Per diem']).toEqual(['Region: United Kingdom; Daily allowance: £60 per day', 'Region: Germany; Daily allowance: €65 per day']);
  });

  it('treats a bold first row of an HTML table as its header, as Word exports do', () => {
    const html = '<table><tr><td><p><strong>Item</strong></p></td><td><p><strong>Budget</strong></p></td></tr><tr><td><p>Desk</p></td><td><p>$300</p></td></tr></table>';
    expect(byHeading(`## Equipment\n\n${html}\n`)['Equipment']).toEqual(['Item: Desk; Budget: $300']);
  });

  it('joins the cells of an HTML table without a header with "; "', () => {
    const html = '<table>\n<tr><td>SEV1</td><td>15 minutes</td></tr>\n<tr><td>SEV2</td><td>1 hour</td></tr>\n</table>';
    expect(byHeading(`## Paging\n\n${html}\n`)['Paging']).toEqual(['SEV1; 15 minutes', 'SEV2; 1 hour']);
  });

  it('labels pipe-table rows, with or without outer pipes and with alignment colons', () => {
    const markdown = [
      '## Hotel limits',
      '',
      '| City tier | Nightly limit |',
      '| :--- | ---: |',
      '| Standard | $250 |',
      '| High-cost | **$325** |',
      '',
      'Claim total | Who approves',
      '------------|-------------',
      'Up to $1,000 | Your manager',
      'Over \\| above $5,000 | Finance',
    ].join('\n');
    expect(byHeading(markdown)['Hotel limits']).toEqual([
      'City tier: Standard; Nightly limit: $250',
      'City tier: High-cost; Nightly limit: $325',
      'Claim total: Up to $1,000; Who approves: Your manager',
      'Claim total: Over | above $5,000; Who approves: Finance',
    ]);
  });

  it('drops empty cells rather than writing an empty label', () => {
    expect(byHeading('## T\n\n| A | B |\n|---|---|\n| x |  |\n')['T']).toEqual(['A: x']);
  });

  it('removes template tags ({% %} and {{ }}) and HTML comments', () => {
    const markdown = [
      '{% include "handbook/toc.html" %}',
      '{% raw %}',
      '<!-- exported from the old wiki -->',
      '{% endraw %}',
      '## Receipts',
      '',
      'Submit a declaration in {{ site.expense_tool }} Ledgerly{%- if x -%} now{%- endif -%}.',
    ].join('\n');
    expect(splitSections(markdown, 'Expenses')).toEqual([{ heading: 'Receipts', path: [], blocks: ['Submit a declaration in Ledgerly now.'] }]);
  });

  it('removes Hugo shortcodes whole, their text between them kept', () => {
    const markdown = ['## Sick leave', '', '{{% notice info %}}', 'A note is needed after 5 days.', '{{% /notice %}}', '', '{{< alert title="Heads up" >}}Tell your manager.{{< /alert >}}'].join('\n');
    expect(byHeading(markdown)['Sick leave']).toEqual(['A note is needed after 5 days.', 'Tell your manager.']);
  });

  it('reads GitBook blocks: hints and tabs keep their text, links to other pages go whole', () => {
    const markdown = [
      '## Time off',
      '',
      '{% hint style="info" %}',
      'Everyone gets 20 days.',
      '{% endhint %}',
      '',
      '{% tabs %}',
      '{% tab title="Brazil" %}',
      'Brazilian staff follow the CLT.',
      '{% endtab %}',
      '{% endtabs %}',
      '',
      '{% content-ref url="holidays.md" %}',
      '[holidays.md](holidays.md)',
      '{% endcontent-ref %}',
    ].join('\n');
    expect(byHeading(markdown)['Time off']).toEqual(['Everyone gets 20 days.', 'Brazilian staff follow the CLT.']);
  });

  it('takes a backslash at the end of a line as a line break, and keeps an escaped one', () => {
    const markdown = ['## Requests', '', '1. Open the HR tool\\', '   and click Request.', '', 'Paths look like C:\\\\'].join('\n');
    expect(byHeading(markdown)['Requests']).toEqual(['Open the HR tool and click Request.', 'Paths look like C:\\']);
  });

  it('drops tables of contents and MDX import and export lines', () => {
    const markdown = [
      "import Tabs from '@theme/Tabs';",
      "import '@site/src/css/handbook.css';",
      'export const owner = "People team";',
      '',
      '* TOC',
      '{:toc}',
      '',
      '[[_TOC_]]',
      '',
      '[TOC]',
      '',
      '## Holidays',
      '',
      '25 days a year. To import leave from your last employer, ask HR.',
      'export control rules do not apply to leave.',
    ].join('\n');
    expect(splitSections(markdown, 'Leave')).toEqual([
      { heading: 'Holidays', path: [], blocks: ['25 days a year. To import leave from your last employer, ask HR. export control rules do not apply to leave.'] },
    ]);
  });

  it('keeps the words of links and images and drops their targets', () => {
    const markdown = [
      '## Booking',
      '',
      'Book through [TripDesk](https://tripdesk.example.com/acme "TripDesk booking") or [the portal][portal].',
      '![Map of the office](./map.png) See <https://acme.example/travel>.',
      '',
      '[portal]: https://portal.example.com',
    ].join('\n');
    expect(byHeading(markdown)['Booking']).toEqual(['Book through TripDesk or the portal. Map of the office See https://acme.example/travel.']);
  });

  it('removes emphasis, inline code and strike-through marks', () => {
    expect(byHeading('## T\n\nSubmit **within 30 days**, _not_ later; use `Ledgerly`, ~~Expensify~~.\n')['T']).toEqual([
      'Submit within 30 days, not later; use Ledgerly, Expensify.',
    ]);
  });

  it('keeps a code fence as one block and never reads headings inside it', () => {
    const markdown = ['## Passwords', '', '```text', '# not a heading', 'good: copper-lantern-violet', '```', '', 'After the fence.'].join('\n');
    expect(splitSections(markdown, 'Security')).toEqual([
      { heading: 'Passwords', path: [], blocks: ['# not a heading good: copper-lantern-violet', 'After the fence.'] },
    ]);
  });

  it('reads block quotes as ordinary text and skips thematic breaks', () => {
    expect(byHeading('## Note\n\n> Quoted guidance\n> over two lines.\n\n---\n\n***\n\nAfter.\n')['Note']).toEqual([
      'Quoted guidance over two lines.',
      'After.',
    ]);
  });

  it('drops headings without text under them', () => {
    expect(splitSections('# Travel\n\n## Empty\n\n## Airfare\n\nEconomy.\n', 'Travel').map((s) => s.heading)).toEqual(['Airfare']);
  });

  it('accepts Windows line endings', () => {
    expect(byHeading('## Airfare\r\n\r\nBook economy\r\nclass.\r\n')['Airfare']).toEqual(['Book economy class.']);
  });
});

describe('heading anchors', () => {
  it('are GitHub-style slugs', () => {
    expect(headingAnchor('3.1 Hotel limits')).toBe('31-hotel-limits');
    expect(headingAnchor('Gifts & hospitality')).toBe('gifts--hospitality');
  });
});
