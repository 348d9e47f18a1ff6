import { Node } from '@tiptap/core';

export interface FigureAttrs {
  src: string;
  alt: string;
  caption: string;
  credit: string;
  /** The library item, when the image comes from the media library. */
  mediaId: number | null;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figure: {
      insertFigure: (attrs: Partial<FigureAttrs> & { src: string }) => ReturnType;
    };
  }
}

/**
 * An image block with alt text, caption and credit:
 * `<figure class="article-image"><img src alt><figcaption dir="auto">caption <span class="credit">credit</span></figcaption></figure>`.
 */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,

  addAttributes() {
    const text = (name: string) => ({ default: '', renderHTML: () => ({}), parseHTML: (el: HTMLElement) => el.getAttribute(`data-${name}`) ?? '' });
    return {
      src: { default: '', renderHTML: () => ({}), parseHTML: (el: HTMLElement) => el.querySelector('img')?.getAttribute('src') ?? '' },
      alt: { default: '', renderHTML: () => ({}), parseHTML: (el: HTMLElement) => el.querySelector('img')?.getAttribute('alt') ?? '' },
      caption: { default: '', renderHTML: () => ({}), parseHTML: (el: HTMLElement) => el.querySelector('figcaption')?.firstChild?.textContent?.trim() ?? '' },
      credit: { ...text('credit'), parseHTML: (el: HTMLElement) => el.querySelector('.credit')?.textContent ?? '' },
      mediaId: {
        default: null,
        renderHTML: () => ({}),
        parseHTML: (el: HTMLElement) => {
          const id = Number(el.getAttribute('data-media-id'));
          return Number.isInteger(id) && id > 0 ? id : null;
        },
      },
    };
  },

  parseHTML() {
    return [{ tag: 'figure.article-image' }];
  },

  renderHTML({ node }) {
    const attrs = node.attrs as FigureAttrs;
    const figure: Record<string, string> = { class: 'article-image' };
    if (attrs.mediaId !== null) figure['data-media-id'] = String(attrs.mediaId);
    const caption: unknown[] = ['figcaption', { dir: 'auto' }];
    if (attrs.caption) caption.push(attrs.caption);
    if (attrs.caption && attrs.credit) caption.push(' ');
    if (attrs.credit) caption.push(['span', { class: 'credit', dir: 'auto' }, attrs.credit]);
    const img = ['img', { src: attrs.src, alt: attrs.alt, loading: 'lazy' }];
    return (attrs.caption || attrs.credit ? ['figure', figure, img, caption] : ['figure', figure, img]) as never;
  },

  addCommands() {
    return {
      insertFigure:
        (attrs) =>
        ({ commands }) =>
          // With an empty paragraph after it, so the caret lands there and the next insert does not replace the image.
          commands.insertContent([{ type: this.name, attrs: { alt: '', caption: '', credit: '', mediaId: null, ...attrs } }, { type: 'paragraph' }]),
    };
  },
});
