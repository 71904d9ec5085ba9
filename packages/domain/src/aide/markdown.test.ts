import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MdBlock, parseMarkdown, safeHref } from './markdown.js';

const inlinesOf = (blocks: MdBlock[]) => blocks.flatMap((b) => (b.kind === 'paragraph' ? b.inlines : b.items.flat()));

describe('Markdown of the help pages', () => {
  it('reads paragraphs, bold, ordered and bulleted lists', () => {
    expect(parseMarkdown('Un **mot**\nsuite\n\n1. un\n2. deux\n- a')).toEqual([
      {
        kind: 'paragraph',
        inlines: [
          { kind: 'text', text: 'Un ' },
          { kind: 'strong', text: 'mot' },
          { kind: 'text', text: ' suite' },
        ],
      },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'un' }], [{ kind: 'text', text: 'deux' }]] },
      { kind: 'list', ordered: false, items: [[{ kind: 'text', text: 'a' }]] },
    ]);
  });

  it.each([
    ['https://www.cdg.fr', 'https://www.cdg.fr'],
    ['/sinistres', '/sinistres'],
    ['mailto:aide@cdg.fr', 'mailto:aide@cdg.fr'],
    ['javascript:alert(1)', null],
    ['JavaScript:alert(1)', null],
    ['java\tscript:alert(1)', null],
    ['data:text/html,<script>', null],
    ['//evil.example', null],
    ['vbscript:x', null],
  ])('keeps the link target %s only when safe', (href, expected) => {
    expect(safeHref(href)).toBe(expected);
  });

  it('keeps raw HTML as text: a script or an event handler is never a node of its own', () => {
    const blocks = parseMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> [clic](javascript:alert%281%29)',
    );
    const inlines = inlinesOf(blocks);
    expect(inlines.filter((i) => i.kind === 'text').map((i) => i.text)).toEqual([
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)> ',
    ]);
    expect(inlines.find((i) => i.kind === 'link')).toEqual({ kind: 'link', text: 'clic', href: null });
  });

  it('never keeps an unsafe link target, and loses no text, whatever the source', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('javascript:', 'data:', 'vbscript:', ' javascript:'), (s, scheme) => {
        const blocks = parseMarkdown(`${s} [x](${scheme}${s.replace(/[\s)]/g, '')})`);
        for (const inline of inlinesOf(blocks))
          if (inline.kind === 'link' && inline.href !== null) expect(safeHref(inline.href)).toBe(inline.href);
        expect(inlinesOf(blocks).some((i) => i.kind === 'link' && /script:|data:/i.test(i.href ?? ''))).toBe(false);
      }),
    );
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[*[\]()\-\d\s]/.test(s)),
        (s) => {
          const text = inlinesOf(parseMarkdown(s))
            .map((i) => i.text)
            .join('');
          expect(text).toBe(s.trim());
        },
      ),
    );
  });
});
