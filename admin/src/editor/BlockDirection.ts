import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PmNode } from '@tiptap/pm/model';
import { isBlockDir, renderedDir, type BlockDir } from './textDirection.js';

/** Blocks that carry their own direction. */
export const DIRECTED_BLOCKS = ['paragraph', 'heading'] as const;

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    blockDirection: {
      /** Sets the direction of every paragraph and heading in the selection (`auto` clears the override). */
      setBlockDirection: (dir: BlockDir) => ReturnType;
    };
  }
}

function decorate(doc: PmNode): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!(DIRECTED_BLOCKS as readonly string[]).includes(node.type.name)) return true;
    const dir = isBlockDir(node.attrs.dir) ? node.attrs.dir : 'auto';
    decorations.push(Decoration.node(pos, pos + node.nodeSize, { dir: renderedDir(dir, node.textContent) }));
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Every paragraph and heading has a `dir` attribute: `auto` by default (the direction follows its
 * words, see textDirection.ts, recomputed as one types), or `rtl` / `ltr` set by hand from the
 * toolbar. The HTML output (documentToHtml) uses the same rule as the editor's own display.
 */
export const BlockDirection = Extension.create({
  name: 'blockDirection',

  addGlobalAttributes() {
    return [
      {
        types: [...DIRECTED_BLOCKS],
        attributes: {
          dir: {
            default: 'auto',
            parseHTML: (element) => {
              const value = element.getAttribute('dir');
              // An explicit direction written by this editor for an automatic block is not an override.
              if (element.hasAttribute('data-dir-auto')) return 'auto';
              return isBlockDir(value) ? value : 'auto';
            },
            // Rendered by documentToHtml / the decorations below, which know the block's text.
            renderHTML: () => ({}),
          },
        },
      },
    ];
  },

  addCommands() {
    return {
      setBlockDirection:
        (dir) =>
        ({ tr, state, dispatch }) => {
          const { from, to } = state.selection;
          let changed = false;
          state.doc.nodesBetween(from, to, (node, pos) => {
            if (!(DIRECTED_BLOCKS as readonly string[]).includes(node.type.name)) return true;
            if (node.attrs.dir !== dir) {
              tr.setNodeMarkup(pos, undefined, { ...node.attrs, dir });
              changed = true;
            }
            return false;
          });
          if (changed && dispatch) dispatch(tr);
          return changed;
        },
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('blockDirection'),
        state: {
          init: (_, state) => decorate(state.doc),
          apply: (tr, old) => (tr.docChanged ? decorate(tr.doc) : old),
        },
        props: {
          decorations(state) {
            return this.getState(state);
          },
        },
      }),
    ];
  },
});
