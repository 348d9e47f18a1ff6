import type { Writable } from 'node:stream';
import type { CorpusText } from './arabicCorpus.js';
import { uniqueSlug, wpSanitizeTitle } from './wpSlug.js';
import {
  createWxrWriter,
  phpSerialize,
  type WxrAuthor,
  type WxrCategory,
  type WxrComment,
  type WxrCommentApproved,
  type WxrItem,
  type WxrSite,
  type WxrStatus,
  type WxrTag,
} from './writeWxr.js';

/**
 * A WordPress export of an Arabic news site, deterministic for a seed: posts whose titles and
 * bodies come from the Arabic news corpora (cycled; repeated titles get WordPress's `-2`, `-3`
 * slug suffixes), percent-encoded Arabic slugs cut at WordPress's 200 bytes, a category tree of
 * 31 terms (one with a name longer than a slug may be), tags from frequent title words, authors
 * with Arabic display names, threaded comments in every state plus pingbacks, featured images as
 * attachment items written after their post (the `_thumbnail_id` is a forward reference, as in
 * real exports ordered by id), classic-editor and block-editor bodies, Yoast meta, a few pages.
 * The category, author and reader names are written here; only titles, bodies and abstracts
 * come from the corpora.
 */
export interface ArabicExportOptions {
  out: Writable;
  posts: number;
  seed: number;
  corpus: CorpusText[];
  /** Default `/%year%/%monthnum%/%day%/%postname%/`. */
  permalinkStructure?: string;
  /** Default 2,000 (fewer when the corpus titles do not have that many distinct words). */
  tags?: number;
  /** Default 50. */
  authors?: number;
  /** Share of posts with comments (default 0.15). */
  commentRate?: number;
  /** Share of posts with a featured image (default 0.3). */
  imageRate?: number;
  /** Drafts, pending, future, private and password-protected posts among the rest (default true). */
  statusMix?: boolean;
  /** Called for every item written, with its `<link>`. */
  onItem?: (item: WxrItem, link: string) => void;
  /** The export's date (default 2026-11-01T09:00:00Z); posts span the ten years before it. */
  created?: Date;
}

export interface ArabicExportSummary {
  site: WxrSite;
  authors: WxrAuthor[];
  categories: WxrCategory[];
  tags: WxrTag[];
  posts: number;
  postsByStatus: Record<string, number>;
  /** Published posts with a password. */
  passwordProtected: number;
  sticky: number;
  pages: number;
  attachments: number;
  comments: { total: number; approved: number; hold: number; spam: number; trash: number; pingbacks: number; replies: number };
}

export const ARABIC_SITE_URL = 'https://akhbar.example';

/** mulberry32: small, fast and good enough for test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** [name, parent name] — the ANT categories at the top, sub-sections written for this generator. */
const CATEGORY_TREE: Array<[string, string | null]> = [
  ['غير مصنف', null],
  ['وطنية', null],
  ['رياضة', null],
  ['دولية', null],
  ['مجتمع', null],
  ['سياسة', null],
  ['متفرقات', null],
  ['اقتصاد', null],
  ['ثقافة', null],
  ['تكنولوجيا', null],
  ['جهات', 'وطنية'],
  ['أمن', 'وطنية'],
  ['تعليم', 'وطنية'],
  ['صحة', 'وطنية'],
  ['كرة القدم', 'رياضة'],
  ['كرة اليد', 'رياضة'],
  ['كرة السلة', 'رياضة'],
  ['تنس', 'رياضة'],
  ['ألعاب القوى', 'رياضة'],
  ['الرابطة المحترفة الأولى', 'كرة القدم'],
  ['كأس العالم 2018', 'كرة القدم'],
  ['المغرب العربي', 'دولية'],
  ['الشرق الأوسط', 'دولية'],
  ['أوروبا', 'دولية'],
  ['إفريقيا', 'دولية'],
  ['مال وأعمال', 'اقتصاد'],
  ['طاقة', 'اقتصاد'],
  ['سينما', 'ثقافة'],
  ['موسيقى', 'ثقافة'],
  ['كتب وإصدارات', 'ثقافة'],
  // Longer than 200 encoded bytes: WordPress cuts its slug in the middle of the name.
  ['قضايا الأسرة والطفولة والمرأة في المجتمع التونسي والمغاربي المعاصر', 'مجتمع'],
];

const FIRST_NAMES: Array<[string, string]> = [
  ['أحمد', 'ahmed'], ['فاطمة', 'fatima'], ['محمد', 'mohamed'], ['سلمى', 'salma'], ['يوسف', 'youssef'],
  ['مريم', 'meriem'], ['عمر', 'omar'], ['خديجة', 'khadija'], ['سامي', 'sami'], ['ليلى', 'leila'],
  ['كريم', 'karim'], ['نادية', 'nadia'], ['هشام', 'hichem'], ['إيمان', 'imen'], ['رضا', 'ridha'],
  ['آمنة', 'amina'], ['طارق', 'tarek'], ['سناء', 'sana'], ['بلال', 'bilel'], ['هاجر', 'hajer'],
  ['منير', 'mounir'], ['وفاء', 'wafa'], ['نبيل', 'nabil'], ['رحمة', 'rahma'], ['زياد', 'ziad'],
];
const LAST_NAMES: Array<[string, string]> = [
  ['بن علي', 'benali'], ['الإدريسي', 'idrissi'], ['الطرابلسي', 'trabelsi'], ['بوزيد', 'bouzid'], ['الشابي', 'chebbi'],
  ['المرزوقي', 'marzouki'], ['الحمامي', 'hammami'], ['بن سالم', 'bensalem'], ['العلوي', 'alaoui'], ['القاسمي', 'kasmi'],
  ['الجبالي', 'jebali'], ['الفاسي', 'fassi'], ['بن يوسف', 'benyoussef'], ['الغنوشي', 'ghannouchi'], ['التازي', 'tazi'],
  ['الزين', 'zine'], ['السعيدي', 'saidi'], ['المنصوري', 'mansouri'], ['الكبير', 'kbir'], ['الصغير', 'sghir'],
];
const READERS = ['قارئ من صفاقس', 'أبو يوسف', 'مواطن', 'Sami', 'نور', 'أم آدم', 'متابع', 'Karim B.', 'سلوى', 'عبد الله'];

const PAGES: Array<{ title: string; parent: string | null; body: string }> = [
  { title: 'من نحن', parent: null, body: 'موقع إخباري مستقل يغطي الأخبار الوطنية والدولية.' },
  { title: 'هيئة التحرير', parent: 'من نحن', body: 'رئيس التحرير ونوابه وأقسام الموقع.' },
  { title: 'اتصل بنا', parent: null, body: 'للتواصل مع فريق التحرير، راسلونا عبر البريد الإلكتروني.' },
  { title: 'سياسة الخصوصية', parent: null, body: 'لا نشارك بيانات القراء مع أي طرف ثالث.' },
  { title: 'شروط الاستخدام', parent: null, body: 'يخضع استخدام الموقع للشروط التالية.' },
];

const escapeText = (text: string) => text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
const two = (n: number) => String(n).padStart(2, '0');

/** The most frequent Arabic words of four letters or more in the titles, most frequent first. */
function tagWords(corpus: CorpusText[], count: number): string[] {
  const freq = new Map<string, number>();
  for (const t of corpus) {
    for (const w of t.title.split(/[\s،؛:.!؟?"'«»()\-–]+/u)) {
      if (/^[\u0621-\u064A]{4,}$/u.test(w)) freq.set(w, (freq.get(w) ?? 0) + 1);
    }
  }
  return [...freq.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([w]) => w);
}

/** Writes the export to `options.out` (ending it) and says what it holds. */
export async function generateArabicWxr(options: ArabicExportOptions): Promise<ArabicExportSummary> {
  const { corpus, posts } = options;
  if (corpus.length === 0) throw new Error('generateArabicWxr: empty corpus');
  const rand = random(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const created = options.created ?? new Date('2026-11-01T09:00:00Z');
  const site: WxrSite = {
    title: 'أخبار اليوم',
    url: ARABIC_SITE_URL,
    description: 'آخر الأخبار الوطنية والدولية',
    language: 'ar',
    permalinkStructure: options.permalinkStructure ?? '/%year%/%monthnum%/%day%/%postname%/',
    timeZone: 'Africa/Casablanca',
    created,
  };

  const authors: WxrAuthor[] = Array.from({ length: options.authors ?? 50 }, (_, i) => {
    const [fa, fl] = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const [la, ll] = LAST_NAMES[(i * 7 + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length]!;
    const login = i === 0 ? 'admin' : `${fl}${i % 2 ? '.' : '_'}${ll}${i >= FIRST_NAMES.length ? i : ''}`;
    return { id: i + 1, login, email: `${login}@akhbar.example`, displayName: `${fa} ${la}`, firstName: fa, lastName: la };
  });

  const categories: WxrCategory[] = [];
  const bySlugName = new Map<string, WxrCategory>();
  const termSlugs = new Set<string>();
  let termId = 1;
  for (const [name, parent] of CATEGORY_TREE) {
    const c: WxrCategory = { termId: termId++, slug: uniqueSlug(wpSanitizeTitle(name), termSlugs), parent: parent ? bySlugName.get(parent)!.slug : null, name };
    categories.push(c);
    bySlugName.set(name, c);
  }
  const childrenOf = (c: WxrCategory) => categories.filter((x) => x.parent === c.slug);
  const topLevel = categories.filter((c) => c.parent === null && c.termId !== 1);

  const tags: WxrTag[] = tagWords(corpus, options.tags ?? 2000).map((name) => ({ termId: termId++, slug: uniqueSlug(wpSanitizeTitle(name), termSlugs), name }));
  const tagByWord = new Map(tags.map((t) => [t.name, t]));

  const writer = await createWxrWriter(options.out, site, { authors, categories, tags });
  const summary: ArabicExportSummary = {
    site,
    authors,
    categories,
    tags,
    posts: 0,
    postsByStatus: {},
    passwordProtected: 0,
    sticky: 0,
    pages: 0,
    attachments: 0,
    comments: { total: 0, approved: 0, hold: 0, spam: 0, trash: 0, pingbacks: 0, replies: 0 },
  };
  const emit = async (item: WxrItem) => {
    const link = await writer.item(item);
    options.onItem?.(item, link);
  };

  // Pages first: they were made when the site was set up.
  const pageSlugs = new Set<string>();
  const pageIds = new Map<string, number>();
  let id = 2;
  const start = created.getTime() - 10 * 365.25 * 86_400_000;
  for (const page of PAGES) {
    const parent = page.parent ? pageIds.get(page.parent)! : 0;
    pageIds.set(page.title, id);
    await emit({
      id,
      type: 'page',
      title: page.title,
      slug: uniqueSlug(wpSanitizeTitle(page.title), pageSlugs),
      content: `<!-- wp:paragraph -->\n<p>${page.body}</p>\n<!-- /wp:paragraph -->`,
      date: new Date(start - 86_400_000 + id * 60_000),
      author: authors[0]!.login,
      status: 'publish',
      parent,
      commentStatus: 'closed',
    });
    summary.pages += 1;
    id += 1;
  }

  const postSlugs = new Set<string>();
  const attachmentSlugs = new Set<string>();
  let commentId = 1;
  const span = created.getTime() - start;
  for (let i = 0; i < posts; i++) {
    const text = corpus[i % corpus.length]!;
    id += 1 + Math.floor(rand() * 3); // revisions and auto-drafts take ids too
    const date = new Date(Math.floor(start + ((i + rand()) * span) / posts));

    let status: WxrStatus = 'publish';
    let password = '';
    const r = rand();
    if (options.statusMix !== false) {
      if (r < 0.01) status = 'draft';
      else if (r < 0.015) status = 'pending';
      else if (r < 0.017) status = 'future';
      else if (r < 0.02) status = 'private';
      else if (r < 0.023) password = `kalima${i}`;
    }
    const postDate = status === 'future' ? new Date(created.getTime() + (1 + Math.floor(rand() * 30)) * 86_400_000) : date;
    const sticky = status === 'publish' && rand() < 0.001;
    // WordPress leaves post_name empty until a post is published.
    const slug = status === 'draft' || status === 'pending' ? '' : uniqueSlug(wpSanitizeTitle(text.title) || String(id), postSlugs);

    const top = topLevel.find((c) => c.name === text.category) ?? pick(topLevel);
    const kids = childrenOf(top);
    let primary = top;
    if (kids.length && rand() < 0.5) {
      primary = pick(kids);
      const grandKids = childrenOf(primary);
      if (grandKids.length && rand() < 0.5) primary = pick(grandKids);
    }
    const cats = new Set([primary.slug]);
    if (rand() < 0.3) cats.add(top.slug);
    if (rand() < 0.15) cats.add(pick(topLevel).slug);

    const postTags = new Set<string>();
    for (const w of text.title.split(/[\s،؛:.!؟?"'«»()\-–]+/u)) {
      const t = tagByWord.get(w);
      if (t && postTags.size < 4 && rand() < 0.6) postTags.add(t.slug);
    }
    if (tags.length && rand() < 0.5) postTags.add(tags[Math.floor(tags.length * rand() * rand())]!.slug);

    const author = authors[Math.floor(authors.length * rand() * rand())]!;
    const hasImage = rand() < (options.imageRate ?? 0.3);
    const imageId = id + 1;
    const local = new Date(date.getTime());
    const stamp = `${local.getUTCFullYear()}${two(local.getUTCMonth() + 1)}${two(local.getUTCDate())}_${two(local.getUTCHours())}${two(local.getUTCMinutes())}${two(local.getUTCSeconds())}`;
    const file = `${local.getUTCFullYear()}/${two(local.getUTCMonth() + 1)}/IMG_${stamp}_${imageId}.jpg`;
    const imageUrl = `${site.url}/wp-content/uploads/${file}`;

    // A news article is often longer than one corpus text: a third get a follow-up from another one.
    const paragraphs = [...text.paragraphs];
    const extra = rand() < 0.35 ? 1 : 0;
    for (let k = 1; k <= extra; k++) paragraphs.push(...corpus[(i + k * 7919) % corpus.length]!.paragraphs);
    const blocks = rand() < 0.35;
    let content: string;
    if (blocks) {
      content = paragraphs.map((p) => `<!-- wp:paragraph -->\n<p>${escapeText(p)}</p>\n<!-- /wp:paragraph -->`).join('\n\n');
      if (hasImage) {
        content = `<!-- wp:image {"id":${imageId},"sizeSlug":"large","linkDestination":"none"} -->\n<figure class="wp-block-image size-large"><img src="${imageUrl}" alt="" class="wp-image-${imageId}"/></figure>\n<!-- /wp:image -->\n\n${content}`;
      }
    } else {
      content = paragraphs.map(escapeText).join('\n\n');
      if (hasImage) {
        content = `[caption id="attachment_${imageId}" align="aligncenter" width="800"]<img class="size-full wp-image-${imageId}" src="${imageUrl}" alt="" width="800" height="533" /> ${escapeText(text.title.slice(0, 60))}[/caption]\n\n${content}`;
      }
    }

    const meta: Array<[string, string]> = [['_edit_last', String(author.id)]];
    if (hasImage) meta.push(['_thumbnail_id', String(imageId)]);
    if (rand() < 0.2) meta.push(['_yoast_wpseo_metadesc', (text.abstract || text.paragraphs[0]!).slice(0, 150)]);
    if (rand() < 0.05) meta.push(['_yoast_wpseo_title', `${text.title} %%sep%% %%sitename%%`]);

    const comments: WxrComment[] = [];
    if (status === 'publish' && !password && rand() < (options.commentRate ?? 0.15)) {
      const n = 1 + Math.floor(rand() * 8);
      for (let k = 0; k < n; k++) {
        const cid = commentId++;
        const when = new Date(date.getTime() + (k + 1) * 3_600_000 * (1 + rand() * 5));
        if (rand() < 0.03) {
          comments.push({
            id: cid,
            author: 'مدونة الأخبار',
            authorEmail: '',
            authorUrl: `https://blog.example/${cid}/`,
            authorIp: '192.0.2.10',
            date: when,
            content: `[…] ${escapeText(text.title)} […]`,
            approved: '1',
            type: 'pingback',
            parent: 0,
            userId: 0,
          });
          summary.comments.pingbacks += 1;
          summary.comments.total += 1;
          continue;
        }
        const threadable = comments.filter((c) => c.type === 'comment');
        const parent = threadable.length && rand() < 0.3 ? pick(threadable).id : 0;
        const s = rand();
        const approved: WxrCommentApproved = s < 0.85 ? '1' : s < 0.92 ? '0' : s < 0.97 ? 'spam' : 'trash';
        const source = corpus[(i * 31 + k * 101) % corpus.length]!.paragraphs[0]!;
        const cut = source.length > 160 ? source.slice(0, source.lastIndexOf(' ', 160)) : source;
        comments.push({
          id: cid,
          author: READERS[cid % READERS.length]!,
          authorEmail: `reader${cid % 997}@mail.example`,
          authorUrl: cid % 9 === 0 ? 'https://reader.example/' : '',
          authorIp: `196.${cid % 256}.${(cid >> 8) % 256}.${(cid * 7) % 256}`,
          date: when,
          content: escapeText(cut),
          approved,
          type: 'comment',
          parent,
          userId: 0,
        });
        summary.comments.total += 1;
        summary.comments[approved === '1' ? 'approved' : approved === '0' ? 'hold' : approved] += 1;
        if (parent) summary.comments.replies += 1;
      }
    }

    await emit({
      id,
      type: 'post',
      title: text.title,
      slug,
      content,
      excerpt: rand() < 0.3 ? text.abstract : '',
      date: postDate,
      modified: new Date(postDate.getTime() + Math.floor(rand() * 3 * 86_400_000)),
      author: author.login,
      status,
      password,
      sticky,
      categories: [...cats],
      tags: [...postTags],
      meta,
      comments,
    });
    summary.posts += 1;
    summary.postsByStatus[status] = (summary.postsByStatus[status] ?? 0) + 1;
    if (password) summary.passwordProtected += 1;
    if (sticky) summary.sticky += 1;

    if (hasImage) {
      id = imageId;
      const title = `IMG_${stamp}_${imageId}`;
      await emit({
        id,
        type: 'attachment',
        title,
        slug: uniqueSlug(wpSanitizeTitle(title), attachmentSlugs),
        content: '',
        excerpt: text.title.slice(0, 80),
        date: postDate,
        author: author.login,
        status: 'inherit',
        parent: id - 1,
        commentStatus: 'open',
        attachmentUrl: imageUrl,
        meta: [
          ['_wp_attached_file', file],
          [
            '_wp_attachment_metadata',
            phpSerialize({
              width: 1200,
              height: 800,
              file,
              filesize: 180_000 + (imageId % 90_000),
              sizes: { medium: { file: `IMG_${stamp}_${imageId}-300x200.jpg`, width: 300, height: 200, 'mime-type': 'image/jpeg', filesize: 14_000 } },
              image_meta: { aperture: '0', credit: '', camera: '', caption: '', created_timestamp: '0', copyright: '', focal_length: '0', iso: '0', shutter_speed: '0', title: '', orientation: '0', keywords: {} },
            }),
          ],
          ['_wp_attachment_image_alt', text.title.slice(0, 100)],
        ],
      });
      summary.attachments += 1;
    }
  }
  await writer.end();
  return summary;
}
