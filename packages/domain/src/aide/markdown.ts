/**
 * The small Markdown of the help pages (paragraphs, lists, **bold**, [links](…)) parsed into a tree the
 * web renders as React elements: raw HTML is never interpreted (it stays text), and a link keeps its
 * target only when it is http(s), mailto or a path of the application — never javascript: or data:.
 */
export type MdInline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'link'; text: string; href: string | null };
export type MdBlock =
  | { kind: 'paragraph'; inlines: MdInline[] }
  | { kind: 'list'; ordered: boolean; items: MdInline[][] };

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

/** A link target kept only when safe; control characters and spaces cannot smuggle a scheme in. */
export function safeHref(href: string): string | null {
  const cleaned = href.trim();
  const hidden = [...cleaned].some((c) => c.charCodeAt(0) <= 32);
  return !hidden && SAFE_HREF.test(cleaned) ? cleaned : null;
}

const INLINE = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]*)\)/g;

export function parseInlines(line: string): MdInline[] {
  const out: MdInline[] = [];
  let last = 0;
  for (const m of line.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: 'text', text: line.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'strong', text: m[1] });
    else out.push({ kind: 'link', text: m[2]!, href: safeHref(m[3]!) });
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push({ kind: 'text', text: line.slice(last) });
  return out;
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

export function parseMarkdown(source: string): MdBlock[] {
  const blocks: MdBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: MdInline[][] } | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', inlines: parseInlines(paragraph.join(' ')) });
    if (list) blocks.push({ kind: 'list', ...list });
    paragraph = [];
    list = null;
  };
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (!line.trim()) flush();
    else if (item) {
      const ordered = numbered !== null;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(parseInlines(item[1]!));
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}
