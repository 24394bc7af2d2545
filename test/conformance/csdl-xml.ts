/**
 * Just enough XML for Microsoft Graph's CSDL ($metadata): elements, attributes, nesting, and where each element
 * starts and ends in the text (so the extraction can copy elements verbatim). No text content, CDATA or DTDs:
 * CSDL carries everything in attributes. Not a general XML parser.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Offsets in the text: from the `<` of the start tag to just after the `>` of the end (or empty-element) tag. */
  readonly start: number;
  /** Offset just after the `>` of the start tag. */
  readonly tagEnd: number;
  end: number;
}

/** A start, end or empty-element tag (groups: `/`, name, attributes, `/`), or a comment or processing instruction. */
const TAG = new RegExp(
  String.raw`<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>` +
    String.raw`|<\?[\s\S]*?\?>|<!--[\s\S]*?-->`,
  'g',
);
const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const unescape = (s: string): string => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]);

/** Parses `text` and returns its root element; throws on unbalanced tags. */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], start: 0, tagEnd: 0, end: text.length };
  const stack: XmlElement[] = [root];
  for (const m of text.matchAll(TAG)) {
    if (m[2] === undefined) continue; // processing instruction or comment
    const top = stack[stack.length - 1];
    if (m[1] === '/') {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> closes <${top.name}> at offset ${m.index}`);
      top.end = m.index + m[0].length;
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(ATTR)) attrs[a[1]] = unescape(a[2] ?? a[3]);
    const tagEnd = m.index + m[0].length;
    const element: XmlElement = { name: m[2], attrs, children: [], start: m.index, tagEnd, end: tagEnd };
    top.children.push(element);
    if (m[4] !== '/') stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  return root;
}

/** The child elements named `name` (all of them when `name` is omitted). */
export const childrenOf = (e: XmlElement, name?: string): XmlElement[] =>
  name === undefined ? e.children : e.children.filter((c) => c.name === name);
