/**
 * Arabic clitics and suffixes for vocabulary-guarded light stemming (decision 006).
 *
 * All functions take and return NORMALIZED words (ة→ه, ى→ي, hamza alefs → ا).
 * Index time knows no vocabulary, so it emits every prefix stripping of a word
 * ({@link prefixStrippings}); query time picks the base the vocabulary supports
 * ({@link chooseBase}) and expands it to the inflected forms the archive has
 * seen ({@link inflectionsOf}).
 */
import { isStopword } from './stopwords.js';

/** Definite-article prefixes with the clitics that may precede them (لل = ل + ال). */
const ARTICLE_PREFIXES = ['وبال', 'فبال', 'وكال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال'];

/** Proclitics without the article: conjunctions و ف, prepositions ب ك ل, and their pairs. */
const CLITIC_PREFIXES = ['وب', 'فب', 'وك', 'فك', 'ول', 'فل', 'و', 'ف', 'ب', 'ك', 'ل'];

/** Minimum letters left after removing the article (الام → ام is allowed, ال → nothing). */
const MIN_AFTER_ARTICLE = 2;
/** Minimum letters left after removing a proclitic (وزير → زير is a candidate, ولد → لد is not). */
const MIN_AFTER_CLITIC = 3;

/** A word with its article (and any clitics before it) removed, or undefined when it has none. */
export function stripArticle(word: string): string | undefined {
  if (!/^\p{Script=Arabic}/u.test(word)) return undefined;
  for (const p of ARTICLE_PREFIXES) {
    if (word.startsWith(p) && word.length - p.length >= MIN_AFTER_ARTICLE) {
      const rest = word.slice(p.length);
      return isStopword(rest) ? undefined : rest;
    }
  }
  return undefined;
}

/**
 * Every form of `word` with a proclitic or the article removed (not the word itself).
 * Unguarded: وزير gives زير. Indexed beside the word so that queries can reach
 * بالوزاره through وزاره; the query side decides which forms to use.
 *
 * @example prefixStrippings('والوزاره') // ['وزاره', 'الوزاره']
 */
export function prefixStrippings(word: string): string[] {
  if (!/^\p{Script=Arabic}/u.test(word)) return [];
  const out: string[] = [];
  const article = stripArticle(word);
  if (article !== undefined) out.push(article);
  for (const p of CLITIC_PREFIXES) {
    if (word.startsWith(p) && word.length - p.length >= MIN_AFTER_CLITIC) {
      const rest = word.slice(p.length);
      if (rest !== article && !isStopword(rest) && !out.includes(rest)) out.push(rest);
    }
  }
  return out;
}

/** Document frequency of a normalized word in the archive (0 when unseen). */
export type Frequency = (word: string) => number;

/**
 * The base of a query word: the article is always removed (when something
 * meaningful remains); a proclitic only when the remainder is a word the
 * archive knows at least as often as the whole word. So وتونس → تونس but
 * وزير stays وزير (زير is rare) and والي stays والي (الي is a stopword).
 *
 * @example chooseBase('بالوزاره', f) // 'وزاره'
 */
export function chooseBase(word: string, frequency: Frequency): string {
  if (!/^\p{Script=Arabic}/u.test(word)) return word;
  const article = stripArticle(word);
  if (article !== undefined) return article;
  const own = frequency(word);
  let best = word;
  let bestFrequency = 0;
  for (const p of CLITIC_PREFIXES) {
    if (!word.startsWith(p) || word.length - p.length < MIN_AFTER_CLITIC) continue;
    const rest = word.slice(p.length);
    if (isStopword(rest)) continue;
    const restArticle = stripArticle(rest);
    const candidate = restArticle ?? rest;
    const f = Math.max(frequency(rest), frequency(candidate));
    if (f > 0 && f >= own && f > bestFrequency) {
      best = candidate;
      bestFrequency = f;
    }
  }
  return best;
}

/**
 * Pronoun suffixes that attach to nouns (after ة becomes ت). Not ي: it would
 * turn دول (countries) into دولي (international) and مغرب into مغربي. Not ه
 * alone: normalized, it is also the feminine ة (سياحه is سياحة, tourism, not
 * "his tourists"), so it goes with the guarded feminine endings.
 */
const PRONOUNS = ['ها', 'هم', 'هما', 'هن', 'كم', 'نا'];

/** Plural and dual endings removed to reach a stem (ات ون ين ان). */
const NUMBER_SUFFIXES = ['ات', 'ون', 'ين', 'ان'];

/** Endings added to a stem: sound plurals and duals, accusative tanween alef. */
const ENDINGS = ['ات', 'ون', 'ين', 'ان', 'ا'];
/** Feminine endings added to a stem: ة (as ه), feminine duals. */
const FEMININE_ENDINGS = ['ه', 'تين', 'تان'];

/**
 * Candidate inflections of a base: the stems it reduces to with feminine,
 * sound plural, dual, tanween and possessive endings. Over-generates on
 * purpose: callers keep only the forms the vocabulary knows.
 *
 * A base ending in ه (ة) is a feminine: its stem (وزاره → وزار) builds the
 * plural and possessives (وزارات, وزارته) but the bare stem is searched only
 * when the archive uses it at least as often as the base. A sound plural or
 * dual ending (ات ون ين ان) is removed only when the stem, or its feminine, is
 * at least as frequent as the base: singulars outnumber plurals in news, and
 * this refuses لبنان → لبن. A masculine stem gets its feminine (وزير → وزيره)
 * only when the feminine is not more frequent than the stem.
 *
 * @example inflectionsOf('وزاره', f) // includes 'وزارات', 'وزارته', 'وزاراتها'
 */
export function inflectionsOf(base: string, frequency: Frequency): string[] {
  const forms = new Set<string>([base]);
  if (!/^\p{Script=Arabic}/u.test(base) || base.length < 3) return [...forms];
  const own = frequency(base);
  const stems = new Set<string>([base]);
  const addStem = (stem: string): void => {
    stems.add(stem);
    if (frequency(stem) > 0 && frequency(stem) >= own) forms.add(stem);
  };
  const feminineBase = base.endsWith('ه') && base.length >= 4;
  if (feminineBase) addStem(base.slice(0, -1));
  for (const s of NUMBER_SUFFIXES) {
    if (!base.endsWith(s) || base.length - s.length < 3) continue;
    const stem = base.slice(0, -s.length);
    const support = Math.max(frequency(stem), frequency(`${stem}ه`));
    if (support > 0 && support >= own) addStem(stem);
  }
  const feminineStem = feminineBase ? base.slice(0, -1) : undefined;
  for (const stem of stems) {
    // A feminine base takes its endings through its stem (وزاره+ا would read وزارها).
    if (stem === base && feminineBase) continue;
    if (stem === feminineStem) {
      // وزار (from وزاره) takes only feminine endings: وزارات, وزاراتها, وزارته, وزارتين;
      // never وزارها ("and visited her") or وزارون.
      forms.add(`${stem}ات`);
      forms.add(`${stem}اته`);
      for (const p of PRONOUNS) forms.add(`${stem}ات${p}`);
      for (const e of FEMININE_ENDINGS) forms.add(`${stem}${e}`);
      for (const p of ['ه', ...PRONOUNS]) forms.add(`${stem}ت${p}`);
      continue;
    }
    for (const e of ENDINGS) forms.add(`${stem}${e}`);
    for (const p of PRONOUNS) {
      forms.add(`${stem}${p}`);
      forms.add(`${stem}ات${p}`);
    }
    forms.add(`${stem}اته`);
    // The feminine of a masculine stem, unless it outnumbers the stem: then it is
    // another word (شرط/شرطه, سياح/سياحه, جمهوري/جمهوريه), not an inflection.
    const stemFrequency = Math.max(frequency(stem), stem === base ? own : 0);
    if (frequency(`${stem}ه`) > stemFrequency) continue;
    for (const e of FEMININE_ENDINGS) forms.add(`${stem}${e}`);
    for (const p of ['ه', ...PRONOUNS]) forms.add(`${stem}ت${p}`);
  }
  return [...forms];
}
