import type { Extensions } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { BlockDirection } from './BlockDirection.js';
import { Embed } from './Embed.js';
import { Figure } from './Figure.js';

/**
 * The article body's schema: headings (h2–h4), lists, quotes, links, tables, images with
 * caption/credit/alt, embeds, and a direction on every paragraph and heading. The same list builds
 * the editor and the HTML renderer, so what is edited is what is stored.
 */
export function articleExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      code: false,
      codeBlock: false,
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ['http', 'https', 'mailto'],
        HTMLAttributes: { rel: 'noopener noreferrer', target: null },
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    BlockDirection,
    Embed,
    Figure,
  ];
}
