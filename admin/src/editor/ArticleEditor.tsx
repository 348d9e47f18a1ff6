import { Editor, type Content, type JSONContent } from '@tiptap/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/catalogue.js';
import { articleExtensions } from './articleExtensions.js';
import { documentToHtml } from './documentToHtml.js';
import { parseEmbedUrl } from '../../../src/domain/html/embedUrl.js';
import type { BlockDir } from './textDirection.js';

export interface ArticleEditorProps {
  /** The document to start from: Tiptap JSON, or the stored HTML of a saved article. Read once, when the editor is created. */
  initial: Content;
  /** Every change: the document and its HTML (documentToHtml). */
  onChange: (doc: JSONContent, html: string) => void;
  /** Accessible name of the writing area. */
  label: string;
}

type Prompt = { kind: 'link' | 'embed'; value: string; error?: boolean } | { kind: 'image'; src: string; alt: string; caption: string; credit: string } | null;

/**
 * The article body editor (Tiptap 3): headings, lists, quotes, links, tables, images with
 * caption/credit/alt, embeds as blocks, and a direction per paragraph and heading (automatic by
 * default, set by hand from the toolbar). Document in, HTML out; knows nothing of the API.
 */
export function ArticleEditor({ initial, onChange, label }: ArticleEditorProps) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [, setTick] = useState(0);
  const [prompt, setPrompt] = useState<Prompt>(null);

  useEffect(() => {
    const editor = new Editor({
      element: host.current!,
      extensions: articleExtensions(),
      content: initial,
      // Our stylesheet carries ProseMirror's rules: no <style> injected (CSP style-src 'self').
      injectCSS: false,
      // Direction is ours (BlockDirection), per block, with a better automatic rule.
      enableCoreExtensions: { textDirection: false },
      editorProps: { attributes: { class: 'article-body', 'aria-label': label, 'aria-multiline': 'true', role: 'textbox' } },
      onUpdate: ({ editor: e }) => {
        const doc = e.getJSON();
        onChangeRef.current(doc, documentToHtml(doc));
      },
      onSelectionUpdate: () => setTick((n) => n + 1),
      onTransaction: () => setTick((n) => n + 1),
    });
    editorRef.current = editor;
    return () => {
      editor.destroy();
      editorRef.current = null;
    };
  }, []);

  const editor = editorRef.current;
  const chain = () => editor!.chain().focus();
  const button = (key: MessageKey, run: () => void, active = false, text?: string) => (
    <button type="button" class={active ? 'tb is-active' : 'tb'} aria-pressed={active} title={t(key)} aria-label={t(key)} onMouseDown={(e) => e.preventDefault()} onClick={run}>
      {text ?? t(key)}
    </button>
  );
  const currentDir = (): BlockDir => {
    if (!editor) return 'auto';
    const attrs = editor.isActive('heading') ? editor.getAttributes('heading') : editor.getAttributes('paragraph');
    return (attrs.dir as BlockDir | undefined) ?? 'auto';
  };
  const dir = currentDir();

  return (
    <div class="article-editor">
      <div class="editor-toolbar" role="toolbar" aria-label={label}>
        {editor && (
          <>
            {button('tb.paragraph', () => chain().setParagraph().run(), editor.isActive('paragraph'), '¶')}
            {button('tb.h2', () => chain().toggleHeading({ level: 2 }).run(), editor.isActive('heading', { level: 2 }), 'H2')}
            {button('tb.h3', () => chain().toggleHeading({ level: 3 }).run(), editor.isActive('heading', { level: 3 }), 'H3')}
            <span class="tb-sep" />
            {button('tb.bold', () => chain().toggleBold().run(), editor.isActive('bold'), 'B')}
            {button('tb.italic', () => chain().toggleItalic().run(), editor.isActive('italic'), 'I')}
            {button('tb.link', () => setPrompt({ kind: 'link', value: String(editor.getAttributes('link').href ?? '') }), editor.isActive('link'))}
            <span class="tb-sep" />
            {button('tb.bulletList', () => chain().toggleBulletList().run(), editor.isActive('bulletList'), '•')}
            {button('tb.orderedList', () => chain().toggleOrderedList().run(), editor.isActive('orderedList'), '1.')}
            {button('tb.quote', () => chain().toggleBlockquote().run(), editor.isActive('blockquote'), '❝')}
            {button('tb.table', () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), editor.isActive('table'))}
            {button('tb.image', () => setPrompt({ kind: 'image', src: '', alt: '', caption: '', credit: '' }))}
            {button('tb.embed', () => setPrompt({ kind: 'embed', value: '' }))}
            <span class="tb-sep" />
            <span class="tb-group" role="group" aria-label={t('tb.dirAuto')}>
              {button('tb.dirAuto', () => chain().setBlockDirection('auto').run(), dir === 'auto', 'A⇄')}
              {button('tb.dirRtl', () => chain().setBlockDirection('rtl').run(), dir === 'rtl', '⇤ع')}
              {button('tb.dirLtr', () => chain().setBlockDirection('ltr').run(), dir === 'ltr', 'L⇥')}
            </span>
            <span class="tb-sep" />
            {button('tb.undo', () => chain().undo().run(), false, '↶')}
            {button('tb.redo', () => chain().redo().run(), false, '↷')}
          </>
        )}
      </div>
      {prompt && (prompt.kind === 'link' || prompt.kind === 'embed') && (
        <form
          class="prompt-bar"
          onSubmit={(event) => {
            event.preventDefault();
            if (!editor) return;
            if (prompt.kind === 'link') {
              const href = prompt.value.trim();
              if (href === '') chain().extendMarkRange('link').unsetLink().run();
              else chain().extendMarkRange('link').setLink({ href }).run();
              setPrompt(null);
              return;
            }
            if (!parseEmbedUrl(prompt.value)) return setPrompt({ ...prompt, error: true });
            chain().insertEmbed(prompt.value).run();
            setPrompt(null);
          }}
        >
          <label>
            <span>{t(prompt.kind === 'link' ? 'tb.linkPrompt' : 'tb.embedPrompt')}</span>
            <input dir="ltr" type="url" value={prompt.value} autoFocus onInput={(e) => setPrompt({ ...prompt, value: e.currentTarget.value, error: false })} />
          </label>
          {prompt.error && <span role="alert" class="field-error">{t('tb.embedInvalid')}</span>}
          <button type="submit" class="button-primary">
            {t('common.save')}
          </button>
          <button type="button" onClick={() => setPrompt(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {prompt && prompt.kind === 'image' && (
        <form
          class="prompt-bar prompt-image"
          onSubmit={(event) => {
            event.preventDefault();
            if (!editor || !prompt.src.trim()) return;
            chain().insertFigure({ src: prompt.src.trim(), alt: prompt.alt, caption: prompt.caption, credit: prompt.credit }).run();
            setPrompt(null);
          }}
        >
          {(['src', 'alt', 'caption', 'credit'] as const).map((field) => (
            <label key={field}>
              <span>{t(`image.${field}`)}</span>
              <input dir={field === 'src' ? 'ltr' : 'auto'} required={field === 'src' || field === 'alt'} value={prompt[field]} onInput={(e) => setPrompt({ ...prompt, [field]: e.currentTarget.value })} />
            </label>
          ))}
          <button type="submit" class="button-primary">
            {t('image.insert')}
          </button>
          <button type="button" onClick={() => setPrompt(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      <div class="editor-host" ref={host} />
    </div>
  );
}
