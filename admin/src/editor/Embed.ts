import { Node, mergeAttributes } from '@tiptap/core';
import { parseEmbedUrl, type EmbedProvider } from '../../../src/domain/html/embedUrl.js';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    embed: {
      /** Inserts an embed block for a YouTube / X / Instagram / Facebook URL; false for any other URL. */
      insertEmbed: (url: string) => ReturnType;
    };
  }
}

/**
 * A third-party post (YouTube, X, Instagram, Facebook) kept as a block holding only its URL:
 * `<figure class="embed" data-embed="youtube" data-url="…"><a href="…">…</a></figure>`. No script or
 * iframe is stored; the public site renders it click-to-load.
 */
export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,

  addAttributes() {
    return {
      provider: { default: null as EmbedProvider | null, parseHTML: (el) => el.getAttribute('data-embed'), renderHTML: () => ({}) },
      url: { default: null as string | null, parseHTML: (el) => el.getAttribute('data-url'), renderHTML: () => ({}) },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'figure[data-embed]',
        getAttrs: (el) => {
          const target = parseEmbedUrl((el as HTMLElement).getAttribute('data-url') ?? '');
          return target ? { provider: target.provider, url: target.url } : false;
        },
      },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const url = String(node.attrs.url ?? '');
    return [
      'figure',
      mergeAttributes(HTMLAttributes, { class: 'embed', 'data-embed': String(node.attrs.provider ?? ''), 'data-url': url }),
      ['a', { href: url, dir: 'ltr', rel: 'noopener noreferrer' }, url],
    ];
  },

  addCommands() {
    return {
      insertEmbed:
        (url) =>
        ({ commands }) => {
          const target = parseEmbedUrl(url);
          if (!target) return false;
          // With an empty paragraph after it, so the caret lands there and the next insert does not replace the embed.
          return commands.insertContent([{ type: this.name, attrs: { provider: target.provider, url: target.url } }, { type: 'paragraph' }]);
        },
    };
  },
});
