import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stripArticle } from '../../../src/search/analyzer/affixes.js';
import { CHUNK_SEPARATOR, tokenize } from '../../../src/search/analyzer/tokenize.js';
import { createAnalyzer, indexTermsOf, MAX_QUERY_GROUPS, type Analyzer, type QueryPlan } from '../../../src/search/analyzer.js';

/** A tiny in-memory archive searched the way the stores do: every group must hit a field term. */
function archive(analyzer: Analyzer, docs: Record<string, string>) {
  const analyzed = Object.entries(docs).map(([id, body]) => {
    const a = analyzer.analyzeDocument({ title: '', lede: '', tags: [], body });
    const terms = new Set(Object.values(a.fields).flatMap((f) => f.split(' ')).filter((t) => t !== ''));
    return { id, a, terms };
  });
  const df = new Map<string, number>();
  for (const d of analyzed) for (const w of d.a.words) df.set(w, (df.get(w) ?? 0) + 1);
  const vocabulary = { frequency: (w: string) => df.get(w) ?? 0 };
  const plan = (q: string): QueryPlan => analyzer.planQuery(q, vocabulary);
  const search = (q: string): string[] => {
    const p = plan(q);
    return analyzed
      .filter((d) => p.groups.length + p.phrases.length > 0 && p.groups.every((g) => g.some((t) => d.terms.has(t))))
      .filter((d) => !p.exclude.some((g) => g.some((t) => d.terms.has(t))))
      .filter((d) => p.phrases.every((ph) => ` ${d.a.surface} `.includes(` ${ph.join(' ')} `)))
      .map((d) => d.id)
      .sort();
  };
  return { plan, search };
}

const NEWS = {
  health: 'أعلنت وزارة الصحة عن حملة تلقيح جديدة',
  article: 'قالت الوزارة في بلاغ إن الحملة تتواصل',
  bi: 'اجتماع بالوزارة لمتابعة الملف',
  wa: 'والوزارة تنفي الخبر',
  plural: 'اجتماع ممثلي الوزارات المعنية',
  visited: 'زار الرئيس المدينة وزارها الوفد أمس',
  minister: 'وزير الداخلية يزور الحدود',
  ministerArticle: 'استقبل الوزير وفدا',
  ministers: 'اجتماع مجلس الوزراء',
  jar: 'زير الماء الفخاري من تراث الجنوب',
  tunis: 'أمطار غزيرة بتونس',
  tunis2: 'زيارة لتونس ووتونس العاصمة',
  tunis3: 'تونس تستضيف القمة',
  latin: 'Émile Zola et le Président Macron',
  macron: 'استقبل ماكرون الوفد',
  year: 'ميزانية عام ٢٠٢٦ في البرلمان',
  gafsa: 'احتجاجات في ڨفصة',
};

describe('the وزارة family', () => {
  const { search } = archive(createAnalyzer(), NEWS);
  const ministry = ['article', 'bi', 'health', 'plural', 'wa'];

  it.each(['وزارة', 'الوزارة', 'وزاره', 'وزارةُ', 'بالوزارة', 'والوزارة', 'لِلوزارة'])('%s finds every ministry article and nothing else', (q) => {
    expect(search(q)).toEqual(ministry);
  });

  it('does not turn وزارة into زار ("visited") as PostgreSQL arabic does', () => {
    expect(search('وزارة')).not.toContain('visited');
  });
});

describe('وزير is never stemmed to زير (light10 failure)', () => {
  const { plan, search } = archive(createAnalyzer(), NEWS);

  it('keeps وزير as the base and never searches زير', () => {
    const p = plan('وزير');
    expect(p.groups[0]?.[0]).toBe('وزير');
    expect(p.groups.flat()).not.toContain('زير');
    expect(search('وزير')).not.toContain('jar');
  });

  it('finds the minister with the article, with و, and the broken plural وزراء', () => {
    expect(search('وزير')).toEqual(['minister', 'ministerArticle', 'ministers']);
    expect(search('الوزراء')).toEqual(['minister', 'ministerArticle', 'ministers']);
  });

  it('still finds زير itself', () => {
    expect(search('زير')).toContain('jar');
  });
});

describe('prefixes و ف ب ك ل', () => {
  const { plan, search } = archive(createAnalyzer(), NEWS);

  it('finds تونس behind ب and ل and و', () => {
    expect(search('تونس')).toEqual(['tunis', 'tunis2', 'tunis3']);
  });

  it('strips a clitic from the query when the archive knows the rest better', () => {
    expect(plan('بتونس').groups[0]?.[0]).toBe('تونس');
    expect(search('بتونس')).toEqual(['tunis', 'tunis2', 'tunis3']);
    expect(search('وتونس')).toEqual(['tunis', 'tunis2', 'tunis3']);
  });

  it('keeps a word whose first letter is not a clitic (والي stays والي, not the stopword الي)', () => {
    const p = createAnalyzer().planQuery('والي', { frequency: (w) => (w === 'الي' ? 1000 : 5) });
    expect(p.groups[0]?.[0]).toBe('والي');
  });
});

describe('Latin, digits and Maghrebi letters', () => {
  const { search } = archive(createAnalyzer(), NEWS);

  it('lower-cases and folds accents: Émile, emile, EMILE', () => {
    for (const q of ['Émile', 'emile', 'EMILE', 'ÉMILE zola']) expect(search(q)).toEqual(['latin']);
  });

  it('finds a Latin name in Arabic script through the variants table', () => {
    expect(search('Macron')).toEqual(['latin', 'macron']);
    expect(search('ماكرون')).toEqual(['latin', 'macron']);
  });

  it('folds Arabic-Indic digits both ways', () => {
    expect(search('2026')).toEqual(['year']);
    expect(search('٢٠٢٦')).toEqual(['year']);
  });

  it('folds the Tunisian ڨ to ق', () => {
    expect(search('قفصة')).toEqual(['gafsa']);
  });
});

describe('stopwords', () => {
  const { plan } = archive(createAnalyzer(), NEWS);

  it('drops stopwords and reports them', () => {
    const p = plan('وزير في الحكومة');
    expect(p.groups.map((g) => g[0])).toEqual(['وزير', 'حكومه']);
    expect(p.ignored).toEqual(['في']);
  });

  it('searches a query of stopwords only as typed', () => {
    const p = plan('في من');
    expect(p.groups).toEqual([['في'], ['من']]);
    expect(p.ignored).toEqual([]);
  });
});

describe('query syntax', () => {
  const { plan, search } = archive(createAnalyzer(), NEWS);

  it('parses "exact phrases" on the normalized surface, unstemmed', () => {
    const p = plan('"وزارة الصحة" حملة');
    expect(p.phrases).toEqual([['وزاره', 'الصحه']]);
    expect(search('"وزارة الصحة"')).toEqual(['health']);
    expect(search('"الوزارة الصحة"')).toEqual([]);
  });

  it('excludes -words with their forms', () => {
    expect(search('وزارة -الصحة')).toEqual(['article', 'bi', 'plural', 'wa']);
  });

  it('treats « » and “ ” as quotes and an unbalanced quote as plain words', () => {
    expect(plan('«وزارة الصحة»').phrases).toEqual([['وزاره', 'الصحه']]);
    const p = plan('"وزارة الصحة');
    expect(p.phrases).toEqual([]);
    expect(p.groups.map((g) => g[0])).toEqual(['وزاره', 'صحه']);
  });

  it('adds site variant groups from options', () => {
    const docs = { phosphate: 'إنتاج الفسفاط في الحوض المنجمي' };
    expect(archive(createAnalyzer(), docs).search('الفوسفات')).toEqual([]);
    expect(archive(createAnalyzer({ variants: [['فوسفات', 'فسفاط']] }), docs).search('الفوسفات')).toEqual(['phosphate']);
  });
});

describe('junk queries never throw', () => {
  const { plan } = archive(createAnalyzer(), NEWS);
  const junk = [
    '',
    '   ',
    'وزارة '.repeat(400),
    'ب'.repeat(2000),
    'في من على إلى عن',
    'ًٌٍَُِّْ',
    'ـــــ',
    '" * ^ : NEAR AND OR ( )',
    'NEAR(وزارة الصحة, 3)',
    'title:وزارة OR body:وزير*',
    '"""',
    '"وزارة',
    "'; DROP TABLE articles; --",
    "1' OR '1'='1",
    '\u200f\u202eوزارة\u202c\u2066',
    '----',
    '-',
    '"-" -"',
    '\u0000\uffff\ud800',
    '🙂🙂 #وزارة @وزير',
  ];

  it.each(junk.map((q) => [q.slice(0, 30), q]))('%j', (_label, q) => {
    const p = plan(q);
    expect(p.groups.length).toBeLessThanOrEqual(MAX_QUERY_GROUPS);
    expect(p.exclude.length).toBeLessThanOrEqual(MAX_QUERY_GROUPS);
    for (const term of [...p.groups.flat(), ...p.exclude.flat(), ...p.phrases.flat()]) expect(term).toMatch(/^[\p{L}\p{N}]+$/u);
    expect(typeof p.normalized).toBe('string');
  });

  it('asks the vocabulary about at most 16 words of a long query', () => {
    const asked = new Set<string>();
    const words = Array.from({ length: 300 }, (_, i) => `كلمة${i}`);
    const p = createAnalyzer().planQuery(words.join(' '), {
      frequency: (w) => {
        asked.add(w);
        return 0;
      },
    });
    expect(p.groups).toHaveLength(MAX_QUERY_GROUPS);
    expect(p.ignored).toHaveLength(MAX_QUERY_GROUPS);
    expect([...asked].some((w) => w.includes('كلمه20'))).toBe(false);
  });

  it('searches the words of a query that carries operators and bidi marks', () => {
    expect(plan('\u200fوزارة\u200f').groups[0]?.[0]).toBe('وزاره');
    expect(plan('وزارة* AND (الصحة)').groups.map((g) => g[0])).toEqual(['وزاره', 'صحه']);
  });

  it('survives a vocabulary that returns nonsense', () => {
    const p = createAnalyzer().planQuery('وزارة الصحة', { frequency: () => Number.NaN });
    expect(p.groups.map((g) => g[0])).toEqual(['وزاره', 'صحه']);
  });
});

describe('analyzeDocument', () => {
  const analyzer = createAnalyzer();
  const doc = analyzer.analyzeDocument({
    title: 'وزارةُ الصحّة',
    lede: 'بالوزارة',
    tags: ['صحة عمومية'],
    body: 'Émile قال ٢٠٢٦',
  });

  it('indexes each word with its prefix strippings, letters and digits only', () => {
    // Index time knows no vocabulary: وزاره is also indexed as زاره (و + زاره); the query side decides.
    expect(doc.fields.title.split(' ')).toEqual(['وزاره', 'زاره', 'الصحه', 'صحه']);
    expect(doc.fields.lede.split(' ')).toEqual(['بالوزاره', 'وزاره', 'الوزاره']);
    expect(doc.fields.tags).toBe('صحه عموميه');
    expect(doc.fields.body).toBe('emile قال 2026');
  });

  it('keeps the normalized surface in order for phrases', () => {
    expect(doc.surface).toBe('وزاره الصحه بالوزاره emile قال 2026');
  });

  it('counts surface words and article-less forms, never single-clitic strippings', () => {
    expect(new Set(doc.words)).toEqual(new Set(['وزاره', 'الصحه', 'صحه', 'بالوزاره', 'emile', 'قال', '2026']));
  });
});

describe('matchSpans', () => {
  const { plan } = archive(createAnalyzer(), NEWS);
  const analyzer = createAnalyzer();

  it('returns offsets in the original text, harakat and tatweel included', () => {
    const text = 'قالت وَزارةُ الصحّة إن الـوزارة ستعلن، ووزاره لاحقا';
    const spans = analyzer.matchSpans(text, plan('وزارة'));
    expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(['وَزارةُ', 'الـوزارة', 'ووزاره']);
  });

  it('highlights Latin words whatever their case and accents', () => {
    const text = 'Le président ÉMILE a dit';
    const spans = analyzer.matchSpans(text, plan('emile'));
    expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(['ÉMILE']);
  });

  it('highlights phrase words and nothing for an empty plan', () => {
    const text = 'أعلنت وزارة الصحة';
    expect(analyzer.matchSpans(text, plan('"وزارة الصحة"')).map(([s, e]) => text.slice(s, e))).toEqual(['وزارة', 'الصحة']);
    expect(analyzer.matchSpans(text, plan(''))).toEqual([]);
  });
});

describe('upstream normalizer vectors through the analyzer tokenizer', () => {
  const path = fileURLToPath(new URL('../../../../shared/data/arabic-nlp/upstream-test-vectors.jsonl', import.meta.url));
  const present = existsSync(path);
  if (!present) console.warn(`normalizer vectors skipped: ${path} is absent (../shared/data is not checked out)`);
  const rows: { suite: string; test: string; input: string; expected: string[] }[] = present
    ? readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    : [];
  const normalizers = rows.filter(
    (r) => (r.suite === 'lucene.ArabicNormalizationFilter' || r.suite === 'charabia.ArabicNormalizer') && r.input !== '',
  );

  it.skipIf(!present)('has the Lucene and charabia normalizer vectors', () => {
    expect(normalizers.length).toBeGreaterThan(15);
  });

  it.skipIf(!present).each(normalizers.map((r) => [`${r.suite} ${r.input}`, r] as const))('%s', (_n, r) => {
    expect(tokenize(r.input)).toEqual(r.expected);
  });
});

describe('analyzeDocument by chunks (decision 027)', () => {
  // Text where whole-text normalization could differ from chunk by chunk: final sigma, BOM and
  // zero-width characters inside words, NFKC forms that expand to a space, a hamza mark after a
  // space, every whitespace JavaScript knows, ligatures and Maghrebi letters.
  const tricky = [
    'ΟΔΟΣ ΑΣ Σ ΑΣ\u00ADx',
    'a\uFEFFb c\u200Bd \uFEFF',
    'x\uFE70y \u00B4z \u0654ا',
    'ا\u0654 ٢٠٢٦ Émile ÇA ﻻ اﻷمنية',
    'ڨ ڭ پ\u00A0چ\u3000ژ\u2028x\u2029y\u205Fz\u202Fw\u1680v\u2000u\u200Az',
    'وزارةُ  الداخليّة\t\n\r\v\fوالوزارة، (بالوزارة)',
    'İstanbul ǅ ﬁ ﬀ ß ẞ',
  ];

  it('tokenizes a text as the concatenation of its chunks', () => {
    for (const text of tricky) {
      expect(text.split(CHUNK_SEPARATOR).flatMap((chunk) => tokenize(chunk)), text).toEqual(tokenize(text));
    }
  });

  it('gives what the word-by-word definition gives, with a fresh or a warm memo', () => {
    const analyzer = createAnalyzer();
    const doc = { title: tricky.join(' '), lede: tricky[5]!, tags: tricky.slice(0, 3), body: tricky.join('\n') };
    const words = (s: string) => tokenize(s);
    const terms = (ws: string[]) => ws.flatMap((w) => indexTermsOf(w)).join(' ');
    const surface = [...words(doc.title), ...words(doc.lede), ...words(doc.body)];
    const distinct = new Set<string>();
    for (const w of surface) {
      distinct.add(w);
      const bare = stripArticle(w);
      if (bare !== undefined) distinct.add(bare);
    }
    const expected = {
      fields: { title: terms(words(doc.title)), lede: terms(words(doc.lede)), tags: terms(doc.tags.flatMap(words)), body: terms(words(doc.body)) },
      surface: surface.join(' '),
      words: [...distinct],
    };
    expect(analyzer.analyzeDocument(doc)).toEqual(expected);
    expect(analyzer.analyzeDocument(doc)).toEqual(expected);
  });

  it('gives the same analysis with a memo limit so small it is cleared between every document (the import sets 50,000)', () => {
    const docs = [
      { title: tricky.join(' '), lede: tricky[5]!, tags: tricky.slice(0, 3), body: tricky.join('\n') },
      { title: 'الكتاب كتاب والكتاب', lede: 'بالكتاب وكتاب', tags: ['كتاب'], body: 'الكتاب في المكتبة، كتاب آخر' },
      { title: 'كتاب الكتاب', lede: '', tags: [], body: tricky[3]! },
    ];
    const unbounded = createAnalyzer();
    const tiny = createAnalyzer({ memoLimit: 1 });
    for (const doc of [...docs, ...docs]) {
      const result = tiny.analyzeDocument(doc);
      expect(result).toEqual(unbounded.analyzeDocument(doc));
      expect(new Set(result.words).size).toBe(result.words.length);
    }
  });
});
