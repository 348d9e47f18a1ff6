import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLUG_MAX_LENGTH, isValidSlug, slugify, uniqueSlug } from '../../../src/domain/text/slug.js';

const codePoints = (s: string): number => Array.from(s).length;

/** Harakat, superscript alef, hamza/madda marks, Quranic marks, tatweel. */
const ARABIC_MARKS = /[\u0610-\u061A\u0640\u064B-\u0655\u0670\u06D6-\u06ED]/;

const HEADLINES: ReadonlyArray<[title: string, slug: string]> = [
  // hamza forms kept as typed, harakat removed
  ['أزمة المياه: الحكومة تُعلن خطة طارئة لمواجهة الجفاف', 'أزمة-المياه-الحكومة-تعلن-خطة-طارئة-لمواجهة-الجفاف'],
  ['سُئل المسؤول عن إنشاء طريق آسفي الجديدة', 'سئل-المسؤول-عن-إنشاء-طريق-آسفي-الجديدة'],
  // tatweel, decimal number
  ['عاجــــل: زلزال بقوة 6.8 درجات يضرب إقليم الحوز', 'عاجل-زلزال-بقوة-6-8-درجات-يضرب-إقليم-الحوز'],
  // Arabic-Indic digits kept as typed
  ['مجلس النواب يصادق على ميزانية ٢٠٢٦', 'مجلس-النواب-يصادق-على-ميزانية-٢٠٢٦'],
  // Arabic punctuation and guillemets
  ['هل تنجح «قمة الرباط»؟ الوزير، يجيب؛ نعم.', 'هل-تنجح-قمة-الرباط-الوزير-يجيب-نعم'],
  ['الرئيس: “لن نتراجع” — والمعارضة ‘ترد’ – غدا', 'الرئيس-لن-نتراجع-والمعارضة-ترد-غدا'],
  ['قال الناطق باسم الحكومة ۔ انتهى', 'قال-الناطق-باسم-الحكومة-انتهى'],
  // emoji and symbols
  ['🔴 عاجل | المنتخب المغربي يتأهل إلى النهائي ⚽🇲🇦', 'عاجل-المنتخب-المغربي-يتأهل-إلى-النهائي'],
  ['ارتفاع الأسعار بـ 5% و 10٪ في رمضان', 'ارتفاع-الأسعار-ب-5-و-10-في-رمضان'],
  // mixed Latin, lower-cased
  ['قمة G20 في Rabat', 'قمة-g20-في-rabat'],
  ['Émile Zola à l’Élysée', 'émile-zola-à-l-élysée'],
  // URL-significant characters never survive
  ['a/b?c#d%e&f=g+h', 'a-b-c-d-e-f-g-h'],
];

describe('slugify', () => {
  for (const [title, slug] of HEADLINES) {
    it(`slugifies ${JSON.stringify(title)}`, () => {
      expect(slugify(title)).toBe(slug);
    });
  }

  it('removes bidi controls, zero-width characters and BOM instead of turning them into dashes', () => {
    expect(slugify('\uFEFF\u202Bوزير\u202C \u200Fالخار\u200Bجية\u200D')).toBe('وزير-الخارجية');
    expect(slugify('\u2067Macron\u2069\u200E يزور\u061C الرباط')).toBe('macron-يزور-الرباط');
  });

  it('keeps a decomposed hamza as the precomposed letter (NFC before removing marks)', () => {
    expect(slugify('\u0627\u0654زمة')).toBe('أزمة');
    expect(slugify('E\u0301mile')).toBe('émile');
  });

  it('does not cut a long Arabic title at 33 letters (WordPress counts encoded bytes; we count characters)', () => {
    const title =
      'الحكومة المغربية تعلن عن برنامج وطني جديد لدعم الفلاحين الصغار المتضررين من موجة الجفاف ' +
      'وتخصص له ميزانية إضافية في إطار قانون المالية للسنة المقبلة بعد موسم فلاحي صعب عرفته المملكة';
    expect(title.match(/\p{L}/gu)?.length).toBeGreaterThanOrEqual(150);
    const slug = slugify(title);
    expect(codePoints(slug)).toBeGreaterThan(150);
    expect(codePoints(slug)).toBeLessThanOrEqual(DEFAULT_SLUG_MAX_LENGTH);
    expect(slug).toBe(title.replace(/ /g, '-'));
    // The percent-encoded form is far longer than 200 bytes, and that is fine.
    expect(encodeURIComponent(slug).length).toBeGreaterThan(600);
  });

  it('cuts over-long slugs on a dash, within maxLength code points', () => {
    const full = slugify('وزارة الداخلية تعلن نتائج الانتخابات الجماعية في جهة الدار البيضاء سطات');
    const cut = slugify('وزارة الداخلية تعلن نتائج الانتخابات الجماعية في جهة الدار البيضاء سطات', { maxLength: 40 });
    expect(codePoints(cut)).toBeLessThanOrEqual(40);
    expect(full.startsWith(cut)).toBe(true);
    expect(full[cut.length]).toBe('-');
    expect(cut).toBe('وزارة-الداخلية-تعلن-نتائج-الانتخابات');
  });

  it('defaults to 200 code points and cuts hard when there is no dash to cut on', () => {
    expect(slugify('ب'.repeat(300))).toBe('ب'.repeat(200));
    const words = Array.from({ length: 60 }, () => 'خبر').join(' ');
    const slug = slugify(words);
    expect(codePoints(slug)).toBeLessThanOrEqual(200);
    expect(slug.endsWith('خبر')).toBe(true);
  });

  it('counts astral characters as one', () => {
    expect(slugify('𝒜'.repeat(10), { maxLength: 4 })).toBe('𝒜'.repeat(4));
  });

  it('returns an empty string when nothing sluggable is left', () => {
    expect(slugify('')).toBe('');
    expect(slugify('   ')).toBe('');
    expect(slugify('!!! ؟؟ 🎉 «» ـــ \u200F')).toBe('');
  });

  it('rejects a non-positive maxLength', () => {
    expect(() => slugify('خبر', { maxLength: 0 })).toThrow(RangeError);
  });

  it('is idempotent', () => {
    for (const [title] of HEADLINES) {
      const once = slugify(title);
      expect(slugify(once)).toBe(once);
    }
    const tricky = 'e\u200B\u0301 \u0301x ا\u200Bً';
    expect(slugify(slugify(tricky))).toBe(slugify(tricky));
  });

  it('survives a round trip through encodeURIComponent and a URL parser', () => {
    for (const [title] of HEADLINES) {
      const slug = slugify(title);
      const encoded = encodeURIComponent(slug);
      expect(decodeURIComponent(encoded)).toBe(slug);
      const url = new URL(`https://khabar.example/ar/${slug}`);
      expect(url.search).toBe('');
      expect(url.hash).toBe('');
      expect(decodeURIComponent(url.pathname)).toBe(`/ar/${slug}`);
    }
  });
});

describe('isValidSlug', () => {
  it('accepts what slugify produces', () => {
    for (const [title] of HEADLINES) expect(isValidSlug(slugify(title))).toBe(true);
    expect(isValidSlug('وزير-الخارجية')).toBe(true);
  });

  it('rejects empty, upper case, harakat, tatweel, double or edge dashes, encoded, too long', () => {
    for (const bad of ['', 'Rabat', 'وزيرُ', 'عاجـل', 'a--b', '-a', 'a-', '%d8%a7', 'a b', 'a/b', 'ب'.repeat(201)]) {
      expect(isValidSlug(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(isValidSlug('ب'.repeat(201), { maxLength: 300 })).toBe(true);
  });
});

describe('uniqueSlug', () => {
  it('returns the base when it is free', async () => {
    expect(await uniqueSlug('قمة-الرباط', () => false)).toBe('قمة-الرباط');
  });

  it('appends -2, -3 with a synchronous check', async () => {
    const taken = new Set(['قمة-الرباط', 'قمة-الرباط-2']);
    expect(await uniqueSlug('قمة-الرباط', (s) => taken.has(s))).toBe('قمة-الرباط-3');
  });

  it('appends -2 with an asynchronous check, probing in order', async () => {
    const asked: string[] = [];
    const taken = new Set(['خبر']);
    const result = await uniqueSlug('خبر', async (s) => {
      asked.push(s);
      await new Promise((r) => setTimeout(r, 1));
      return taken.has(s);
    });
    expect(result).toBe('خبر-2');
    expect(asked).toEqual(['خبر', 'خبر-2']);
  });

  it('shortens a maximal base so that the suffix still fits', async () => {
    const base = 'ب'.repeat(DEFAULT_SLUG_MAX_LENGTH);
    const result = await uniqueSlug(base, (s) => s === base);
    expect(result).toBe(`${'ب'.repeat(DEFAULT_SLUG_MAX_LENGTH - 2)}-2`);
    expect(isValidSlug(result)).toBe(true);
  });

  it('refuses an empty base', async () => {
    await expect(uniqueSlug('', () => false)).rejects.toThrow(RangeError);
  });
});

// Real headlines (Moroccan news, mostly Darija; see ../shared/data/README.md).
const MARSUM = resolve(process.cwd(), '../shared/data/arabic-news/marsum/marsum-test.jsonl');
const HAS_MARSUM = existsSync(MARSUM);

(HAS_MARSUM ? describe : describe.skip)(
  HAS_MARSUM ? 'slugify on real headlines' : 'slugify on real headlines (skipped: ../shared/data is absent)',
  () => {
    it('gives valid, idempotent, mark-free slugs within 200 characters', () => {
      const titles = readFileSync(MARSUM, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => (JSON.parse(l) as { title: string }).title);
      expect(titles.length).toBeGreaterThan(1000);
      const problems: string[] = [];
      for (const title of titles) {
        const slug = slugify(title);
        if (slug === '') continue;
        if (!isValidSlug(slug) || slugify(slug) !== slug || ARABIC_MARKS.test(slug) || codePoints(slug) > 200) {
          problems.push(`${title} → ${slug}`);
        }
      }
      expect(problems).toEqual([]);
    });
  },
);
