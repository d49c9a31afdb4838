import { describe, expect, it } from 'vitest';
import { cleanInline, decodeEntities, stripTags, stripTemplateTags } from '../../src/policies/clean-inline.ts';

describe('cleaning inline Markdown', () => {
  it('decodes named, decimal and hex entities, and leaves unknown ones alone', () => {
    expect(decodeEntities('&pound;60 &amp; &#8364;65 &#x2014; &bogus;')).toBe('£60 & €65 — &bogus;');
  });

  it('removes Liquid/Jinja tags, whitespace-trimming ones too', () => {
    expect(stripTemplateTags('a{% raw %}b{%- endraw -%}c{{ site.tool }}d')).toBe('abcd');
  });

  it('drops HTML tags but keeps a space where a line-level tag was', () => {
    expect(stripTags('<p>One</p><p>two<br/>three</p> <span class="x">four</span>')).toBe(' One  two three  four');
  });

  it('keeps what a reader sees and folds white space', () => {
    expect(cleanInline('  See **[the  policy](https://x.example/p)**\n and _call_ `IT` \\*now\\*.  ')).toBe('See the policy and call IT *now*.');
  });

  it('drops stray emphasis marks from unbalanced markup', () => {
    expect(cleanInline('**Owner: Finance')).toBe('Owner: Finance');
  });

  it('drops attribute lists (kramdown, MkDocs, Pandoc) and keeps braces that are text', () => {
    expect(cleanInline('Sick pay {#sick-pay .rule}')).toBe('Sick pay');
    expect(cleanInline('Book in [Deel](https://deel.example){rel="nofollow"}{:target="_blank"} first. {: .note}')).toBe('Book in Deel first.');
    expect(cleanInline("Email {name} at {team}'s address, or write \\{: .x}.")).toBe("Email {name} at {team}'s address, or write {: .x}.");
  });

  it('drops emoji shortcodes and keeps times, ratios and other colons', () => {
    expect(cleanInline('Submit within 30 days :white_check_mark:. :warning: Never share :+1:')).toBe('Submit within 30 days. Never share');
    expect(cleanInline('Starts at 10:30:00, ratio 1:2:3, see https://x.example/a:b:c')).toBe('Starts at 10:30:00, ratio 1:2:3, see https://x.example/a:b:c');
  });

  it('keeps snake_case words and arithmetic intact', () => {
    expect(cleanInline('Set max_nights to 7 * 2 nights.')).toBe('Set max_nights to 7 * 2 nights.');
  });
});

describe('GitHub alert markers', () => {
  it('drops the [!NOTE] label and keeps the text', async () => {
    const { cleanInline } = await import('../../src/policies/clean-inline.ts');
    expect(cleanInline('[!NOTE] Spending over $300 needs approval.')).toBe('Spending over $300 needs approval.');
    expect(cleanInline('[!warning] Do not share passwords.')).toBe('Do not share passwords.');
  });
});
