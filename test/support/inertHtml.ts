import { Parser } from 'htmlparser2';

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'data', 'srcdoc', 'xlink:href', 'cite', 'poster', 'background', 'srcset']);
/**
 * A URL a browser would run or render as a document: the WHATWG URL parser drops leading C0
 * controls and spaces (U+0000–U+0020, not other Unicode spaces) and every tab and newline inside.
 */
function isDangerousUrl(value: string): boolean {
  return /^(javascript|vbscript|data):/i.test(value.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, ''));
}

export interface Element {
  name: string;
  attribs: Record<string, string>;
}

/** Every element of a document, in order (entities in attributes decoded, as a browser would). */
export function elementsOf(html: string): Element[] {
  const found: Element[] = [];
  const parser = new Parser({ onopentag: (name, attribs) => found.push({ name, attribs }) }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.write(html);
  parser.end();
  return found;
}

/**
 * What in `html` could run script or navigate to script: a script that is not JSON-LD, an event
 * handler attribute, a javascript:/vbscript:/data: URL, or an element outside `allowedTags`.
 */
export function activeContent(html: string, allowedTags: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const { name, attribs } of elementsOf(html)) {
    if (name === 'script' && attribs.type !== 'application/ld+json') problems.push(`<script ${JSON.stringify(attribs)}>`);
    if (!allowedTags.has(name)) problems.push(`unexpected <${name}>`);
    for (const [attr, value] of Object.entries(attribs)) {
      if (attr.startsWith('on')) problems.push(`<${name} ${attr}=…>`);
      if (URL_ATTRIBUTES.has(attr) && isDangerousUrl(value)) problems.push(`<${name} ${attr}="${value.slice(0, 40)}">`);
      if (attr === 'style') problems.push(`<${name} style=…>`);
    }
  }
  return problems;
}

/** The text of the elements with `class` containing `className`, entities decoded once. */
export function textOfClass(html: string, className: string): string[] {
  const texts: string[] = [];
  let depth = 0;
  let current = '';
  const parser = new Parser(
    {
      onopentag(_name, attribs) {
        if (depth > 0) depth++;
        else if ((attribs.class ?? '').split(/\s+/).includes(className)) {
          depth = 1;
          current = '';
        }
      },
      ontext(text) {
        if (depth > 0) current += text;
      },
      onclosetag() {
        if (depth > 0 && --depth === 0) texts.push(current);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return texts;
}
