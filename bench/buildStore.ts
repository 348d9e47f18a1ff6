/**
 * The benchmark's store: a SQLite file with a realistic shape (sections with a level of
 * subsections, hundreds of tags, tens of authors, tens of thousands of published articles over
 * five years, some daily view counts), built once and reused while its marker matches.
 *
 * Text comes from the Arabic news corpora in `../shared/data/arabic-news` when present (ANT v1.1
 * Jawhara FM, MArSum test split), cycled and made unique by slug suffixes; otherwise it is
 * generated from a fixed word list. Everything is deterministic for a given seed, except the
 * anchor date (articles end at build time) and the view rows (always in the last seven days).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NewArticle } from '../src/domain/article.js';
import { readingMinutes, slugify, uniqueSlug } from '../src/domain/text/index.js';
import { dayInZone } from '../src/operations/site/dayInZone.js';
import { createSqliteStore } from '../src/store/sqlite/createSqliteStore.js';
import type { Store } from '../src/store/ports.js';

export const benchRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const defaultCorpusDir = path.resolve(benchRoot, '..', 'shared', 'data', 'arabic-news');

/** Bump when the generated content changes shape, so stores built by older code are rebuilt. */
const GENERATOR_VERSION = 1;
const MARKER_KEY = 'bench';
const SITE_TIME_ZONE = 'Africa/Casablanca';
const BATCH = 1_000;
const YEARS = 5;

export interface BuildOptions {
  /** The SQLite file (the server expects `<dataDir>/khabar.db`). */
  file: string;
  articles: number;
  seed: number;
  corpusDir?: string;
  /** Progress lines; defaults to console.log. */
  log?: (line: string) => void;
}

/** An article the harness measures: recent, with a median-length body, tags and a primary section. */
export interface ProbeArticle {
  slug: string;
  publishedAt: string;
  bodyChars: number;
}

export interface BenchMarker {
  generator: number;
  articles: number;
  seed: number;
  builtAt: string;
  textSource: string;
  probe: ProbeArticle;
  /** Slug of the section page the harness measures (a root section with subsections). */
  sectionSlug: string;
}

export interface BuildResult {
  file: string;
  reused: boolean;
  /** Seconds spent building (0 when reused). */
  seconds: number;
  /** Articles per second while building (0 when reused). */
  rate: number;
  marker: BenchMarker;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: small, fast, good enough for test data. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** Skewed towards the start of the list (popular tags, busy authors). */
    skewed: <T>(items: readonly T[], power = 2): T => items[Math.floor(Math.pow(next(), power) * items.length)]!,
    chance: (p: number) => next() < p,
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
  };
}
type Random = ReturnType<typeof createRandom>;

// ---------------------------------------------------------------------------------------------
// Site structure

interface SectionSpec {
  slug: string;
  name: string;
  parent?: string;
  /** ANT categories whose articles go here. */
  categories?: string[];
}

const SECTIONS: SectionSpec[] = [
  { slug: 'وطني', name: 'وطني', categories: ['localNews'] },
  { slug: 'دولي', name: 'دولي', categories: ['internationalNews'] },
  { slug: 'سياسة', name: 'سياسة', categories: ['politic'] },
  { slug: 'اقتصاد', name: 'اقتصاد', categories: ['economy'] },
  { slug: 'أسواق-المال', name: 'أسواق المال', parent: 'اقتصاد' },
  { slug: 'مجتمع', name: 'مجتمع', categories: ['society'] },
  { slug: 'رياضة', name: 'رياضة', categories: ['sport'] },
  { slug: 'كرة-القدم', name: 'كرة القدم', parent: 'رياضة' },
  { slug: 'كرة-السلة', name: 'كرة السلة', parent: 'رياضة' },
  { slug: 'ثقافة', name: 'ثقافة', categories: ['culture'] },
  { slug: 'تكنولوجيا', name: 'تكنولوجيا', categories: ['technology'] },
  { slug: 'منوعات', name: 'منوعات', categories: ['diverse'] },
];
/** The section page the harness measures: a root with two subsections, one of the busiest. */
const MEASURED_SECTION = 'رياضة';

const TAG_TOPICS = [
  'الانتخابات', 'الميزانية', 'التعليم', 'الصحة', 'السياحة', 'الفلاحة', 'الطاقة', 'المناخ', 'الهجرة', 'الأمن',
  'الاستثمار', 'التشغيل', 'النقل', 'السكن', 'الثقافة', 'كرة القدم', 'الجفاف', 'الرقمنة', 'البرلمان', 'الأسعار',
];
const TAG_PLACES = [
  'المغرب', 'تونس', 'الجزائر', 'مصر', 'ليبيا', 'موريتانيا', 'فرنسا', 'إسبانيا', 'الرباط', 'الدار البيضاء',
  'فاس', 'مراكش', 'طنجة', 'سوسة', 'صفاقس',
];
const FIRST_NAMES = [
  'محمد', 'فاطمة', 'يوسف', 'خديجة', 'أحمد', 'مريم', 'عمر', 'سلمى', 'كريم', 'نادية',
  'هشام', 'ليلى', 'سعيد', 'زينب', 'رشيد', 'أمينة', 'طارق', 'سناء', 'مهدي', 'حنان',
];
const LAST_NAMES = ['العلوي', 'بنعلي', 'الإدريسي', 'التازي', 'بن يوسف', 'الفاسي', 'الشرقاوي', 'المرابط', 'الزياني', 'بوعزة'];

const FALLBACK_WORDS = (
  'الحكومة المغرب وزير قال أعلن اليوم أمس مشروع قانون البرلمان الاقتصاد السوق الأسعار المواطنين المدينة الجهة ' +
  'الشركة الاستثمار الرياضة المنتخب المباراة الفريق الموسم الثقافة المهرجان الفيلم الكتاب الجامعة الطلبة المدارس ' +
  'الصحة المستشفى الأطباء الطقس الأمطار الجفاف الماء الفلاحة المحصول التجارة التصدير الميناء الطريق القطار ' +
  'السياحة الفنادق الزوار العاصمة الرباط الدار البيضاء طنجة فاس مراكش أكادير وجدة الأمن الشرطة المحكمة القضية ' +
  'الحوار الاتفاق التعاون الدولي الاتحاد الإفريقي الأوروبي العربي المؤتمر القمة الرئيس اللجنة التقرير الدراسة ' +
  'النتائج الأرقام النسبة المائة مليون مليار درهم دينار ارتفاع انخفاض تحسن تراجع جديد كبير مهم عام خاص ' +
  'خلال بعد قبل حول على في من إلى مع عن هذا هذه التي الذي كما أن إن لكن حيث أيضا'
).split(' ');

// ---------------------------------------------------------------------------------------------
// Text

interface TextItem {
  title: string;
  lede: string;
  body: string;
  category: string | null;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A lede: the abstract when there is one, else the first sentence(s), cut on a word boundary. */
function ledeOf(abstract: string, body: string): string {
  const source = abstract.trim() || body.trim();
  const firstSentence = /^[\s\S]{40,}?[.!؟?](\s|$)/.exec(source)?.[0] ?? source;
  if (firstSentence.length <= 220) return firstSentence.trim();
  const cut = firstSentence.slice(0, 220);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 120)).trim()}…`;
}

/** Body paragraphs: the corpus's lines, long single-line bodies split every few sentences. */
function paragraphsOf(body: string): string[] {
  const lines = body
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > 1 || body.length < 600) return lines;
  const sentences = body.match(/[^.!؟?]+[.!؟?]*\s*/g) ?? [body];
  const out: string[] = [];
  for (let i = 0; i < sentences.length; i += 3) out.push(sentences.slice(i, i + 3).join('').trim());
  return out.filter(Boolean);
}

function toHtml(paragraphs: string[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
}

function readJsonLines(file: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A damaged line is skipped; the corpus is only a source of plausible text.
    }
  }
  return out;
}

const CORPUS_FILES = [path.join('ant', 'ant-v1.1-jawharafm.jsonl'), path.join('marsum', 'marsum-test.jsonl')];

function loadCorpus(corpusDir: string): { items: TextItem[]; source: string } | null {
  const files = CORPUS_FILES.map((f) => path.join(corpusDir, f)).filter((f) => existsSync(f));
  if (files.length === 0) return null;
  const items: TextItem[] = [];
  for (const file of files) {
    for (const row of readJsonLines(file)) {
      const title = typeof row.title === 'string' ? row.title.replace(/\s+/g, ' ').trim() : '';
      const body = typeof row.body === 'string' ? row.body : '';
      if (!title || body.trim().length < 100 || !slugify(title)) continue;
      const paragraphs = paragraphsOf(body);
      items.push({
        title,
        lede: ledeOf(typeof row.abstract === 'string' ? row.abstract : '', paragraphs[0] ?? ''),
        body: toHtml(paragraphs),
        category: typeof row.category === 'string' ? row.category : null,
      });
    }
  }
  if (items.length === 0) return null;
  return { items, source: `${items.length} texts from ${files.map((f) => path.relative(benchRoot, f)).join(', ')}` };
}

function generatedText(random: Random, count: number): TextItem[] {
  const words = (n: number) => Array.from({ length: n }, () => random.skewed(FALLBACK_WORDS, 1.3)).join(' ');
  return Array.from({ length: count }, () => {
    const paragraphs = Array.from({ length: random.int(3, 9) }, () => `${words(random.int(30, 80))}.`);
    return { title: words(random.int(5, 10)), lede: `${words(random.int(15, 30))}.`, body: toHtml(paragraphs), category: null };
  });
}

// ---------------------------------------------------------------------------------------------
// Build

function sameMarker(marker: unknown, articles: number, seed: number): marker is BenchMarker {
  if (typeof marker !== 'object' || marker === null) return false;
  const m = marker as Partial<BenchMarker>;
  return m.generator === GENERATOR_VERSION && m.articles === articles && m.seed === seed && !!m.probe && !!m.sectionSlug;
}

function removeDatabase(file: string) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

/**
 * Opens the store at `file` and returns it when its marker says it holds exactly `articles`
 * articles built with `seed`; otherwise deletes it and builds it again.
 */
export async function buildBenchStore(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { file, articles, seed } = options;

  if (existsSync(file)) {
    const store = createSqliteStore({ file });
    try {
      await store.migrate();
      const marker = await store.settings.get(MARKER_KEY);
      if (sameMarker(marker, articles, seed) && (await store.articles.count()) === articles) {
        await ensureRecentViews(store, createRandom(seed ^ 0x5eed), log);
        log(`store: reusing ${path.relative(process.cwd(), file)} (${articles.toLocaleString('en')} articles, seed ${seed}, built ${marker.builtAt})`);
        return { file, reused: true, seconds: 0, rate: 0, marker };
      }
    } finally {
      await store.close();
    }
    log(`store: ${path.relative(process.cwd(), file)} does not match (${articles} articles, seed ${seed}); rebuilding`);
    removeDatabase(file);
  }

  const started = performance.now();
  const random = createRandom(seed);
  const corpus = loadCorpus(options.corpusDir ?? defaultCorpusDir);
  let items: TextItem[];
  let textSource: string;
  if (corpus) {
    items = random.shuffle(corpus.items);
    textSource = corpus.source;
    log(`store: text from ${textSource}`);
  } else {
    items = generatedText(random, 2_000);
    textSource = `generated from a fixed word list (${options.corpusDir ?? defaultCorpusDir} not found)`;
    log(`store: NOTE ${options.corpusDir ?? defaultCorpusDir} not found; generating Arabic-looking text from a fixed word list`);
  }

  const store = createSqliteStore({ file });
  try {
    await store.migrate();

    // Sections, tags, authors.
    const sectionIds = new Map<string, number>();
    const byCategory = new Map<string, string>();
    await store.transaction(async (tx) => {
      for (const [position, s] of SECTIONS.entries()) {
        const parentId = s.parent === undefined ? null : sectionIds.get(s.parent)!;
        const created = await tx.sections.create({ slug: s.slug, name: s.name, description: `أخبار ${s.name}`, parentId, position });
        sectionIds.set(s.slug, created.id);
        for (const c of s.categories ?? []) byCategory.set(c, s.slug);
      }
    });
    const childrenOf = (slug: string) => SECTIONS.filter((s) => s.parent === slug).map((s) => s.slug);

    const tagIds: number[] = [];
    const authorIds: number[] = [];
    await store.transaction(async (tx) => {
      for (const topic of TAG_TOPICS) {
        for (const place of TAG_PLACES) {
          const name = `${topic} ${place}`;
          tagIds.push((await tx.tags.create({ slug: slugify(name), name })).id);
        }
      }
      random.shuffle(tagIds); // popularity (skewed picks) independent of the topic order
      const authorSlugs = new Set<string>();
      for (let i = 0; authorIds.length < 40; i++) {
        const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7 + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length]}`;
        const slug = slugify(name);
        if (authorSlugs.has(slug)) continue;
        authorSlugs.add(slug);
        const isGuest = authorIds.length >= 36; // a few guest bylines, as on a real site
        authorIds.push((await tx.authors.create({ slug, name, bio: isGuest ? null : `صحافي في قسم ${random.pick(SECTIONS).name}.`, isGuest })).id);
      }
    });
    log(`store: ${sectionIds.size} sections, ${tagIds.length} tags, ${authorIds.length} authors`);

    // Articles, oldest first so ids grow with publication time as on a real site.
    const anchor = Math.floor(Date.now() / 60_000) * 60_000;
    const span = YEARS * 365.25 * 86_400_000;
    const taken = new Set<string>();
    const bodyChars: number[] = [];
    let probe: ProbeArticle | null = null;
    let probeScore = Infinity;
    const sortedLengths = items.map((t) => t.body.length).sort((x, y) => x - y);
    const medianChars = sortedLengths[Math.floor(sortedLengths.length / 2)] ?? 0;
    const probeFrom = Math.max(0, articles - Math.min(500, Math.ceil(articles / 10)));
    const rootSlugs = SECTIONS.filter((s) => s.parent === undefined).map((s) => s.slug);

    const t0 = performance.now();
    let lastLog = t0;
    for (let start = 0; start < articles; start += BATCH) {
      const end = Math.min(articles, start + BATCH);
      const batch: NewArticle[] = [];
      for (let i = start; i < end; i++) {
        const text = items[i % items.length]!;
        const base = slugify(text.title) || `article-${i + 1}`;
        const slug = await uniqueSlug(base, (s) => taken.has(s));
        taken.add(slug);
        const jitter = (random.next() - 0.5) * 3_600_000;
        const publishedAt = new Date(Math.min(anchor - 60_000, anchor - span * (1 - (i + 0.5) / articles) + jitter));

        let primary = (text.category && byCategory.get(text.category)) || random.skewed(rootSlugs, 1.5);
        const kids = childrenOf(primary);
        if (kids.length > 0 && random.chance(0.6)) primary = random.pick(kids);
        const sections = [sectionIds.get(primary)!];
        if (random.chance(0.3)) sections.push(sectionIds.get(random.pick(SECTIONS).slug)!);

        const tags = new Set<number>();
        const tagCount = random.int(0, 4);
        while (tags.size < tagCount) tags.add(random.skewed(tagIds, 2));
        const authors = [random.skewed(authorIds, 1.5)];
        if (random.chance(0.15)) authors.push(random.pick(authorIds));

        batch.push({
          slug,
          title: text.title,
          lede: text.lede,
          body: text.body,
          status: 'published',
          publishedAt,
          sectionIds: sections,
          tagIds: [...tags],
          authorIds: authors,
          isFeatured: random.chance(0.01),
          isBreaking: random.chance(0.002),
          readingMinutes: readingMinutes(text.body),
        });
        bodyChars.push(text.body.length);

        if (i >= probeFrom && tags.size >= 2) {
          const score = Math.abs(text.body.length - medianChars);
          if (score < probeScore) {
            probeScore = score;
            probe = { slug, publishedAt: publishedAt.toISOString(), bodyChars: text.body.length };
          }
        }
      }
      await store.transaction(async (tx) => {
        for (const a of batch) await tx.articles.create(a);
      });
      const now = performance.now();
      if (now - lastLog > 2_000 || end === articles) {
        lastLog = now;
        const rate = end / ((now - t0) / 1000);
        log(`store: ${end.toLocaleString('en')}/${articles.toLocaleString('en')} articles (${Math.round(rate).toLocaleString('en')}/s)`);
      }
    }
    if (!probe) throw new Error('no article qualifies as the measured article (too few articles?)');

    await ensureRecentViews(store, random, log);
    const marker: BenchMarker = {
      generator: GENERATOR_VERSION,
      articles,
      seed,
      builtAt: new Date().toISOString(),
      textSource,
      probe,
      sectionSlug: MEASURED_SECTION,
    };
    await store.settings.set(MARKER_KEY, marker);
    const seconds = (performance.now() - started) / 1000;
    const articleSeconds = (performance.now() - t0) / 1000;
    const sortedBodies = bodyChars.sort((x, y) => x - y);
    log(
      `store: built ${articles.toLocaleString('en')} articles in ${seconds.toFixed(1)} s ` +
        `(${Math.round(articles / articleSeconds).toLocaleString('en')} articles/s while inserting; ` +
        `body median ${sortedBodies[Math.floor(sortedBodies.length / 2)]} chars of HTML)`,
    );
    await store.close();
    return { file, reused: false, seconds, rate: articles / articleSeconds, marker };
  } catch (error) {
    // No half-built store is left behind (it has no marker, but a clean rebuild is simpler).
    await store.close().catch(() => {});
    removeDatabase(file);
    throw error;
  }
}

/**
 * "Most read" looks at the last seven days of the site's calendar, so a reused store gets fresh
 * rows when it has none in that window: a few hundred (article, day) counts over recent articles.
 */
async function ensureRecentViews(store: Store, random: Random, log: (line: string) => void): Promise<void> {
  const now = Date.now();
  const since = dayInZone(new Date(now - 6 * 86_400_000), SITE_TIME_ZONE);
  if ((await store.articles.mostRead(since, 1)).length > 0) return;
  const recent = await store.articles.listPublished({}, { limit: 2_000, offset: 0 });
  if (recent.length === 0) return;
  let rows = 0;
  await store.transaction(async (tx) => {
    for (let d = 0; d < 7; d++) {
      const day = dayInZone(new Date(now - d * 86_400_000), SITE_TIME_ZONE);
      const counts = new Map<number, number>();
      while (counts.size < Math.min(60, recent.length)) counts.set(random.skewed(recent, 2).id, random.int(5, 5_000));
      await tx.articles.addViews(day, counts);
      rows += counts.size;
    }
  });
  log(`store: added ${rows} daily view rows for the last 7 days`);
}
