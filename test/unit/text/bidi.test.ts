import { describe, expect, it } from 'vitest';
import { directionOf, hasArabic, splitBidiRuns } from '../../../src/domain/text/bidi.js';

const isolated = (text: string): string[] =>
  splitBidiRuns(text)
    .filter((r) => r.isolate)
    .map((r) => r.text);

describe('splitBidiRuns', () => {
  it('isolates a Latin name and a number in an Arabic sentence, full stop outside', () => {
    expect(splitBidiRuns('قال Emmanuel Macron إن 2026 سنة مهمة.')).toEqual([
      { text: 'قال ', isolate: false },
      { text: 'Emmanuel Macron', isolate: true },
      { text: ' إن ', isolate: false },
      { text: '2026', isolate: true },
      { text: ' سنة مهمة.', isolate: false },
    ]);
  });

  it('leaves a full stop after a Latin name at the end of a sentence outside the run', () => {
    expect(splitBidiRuns('استقبل الملك Emmanuel Macron.')).toEqual([
      { text: 'استقبل الملك ', isolate: false },
      { text: 'Emmanuel Macron', isolate: true },
      { text: '.', isolate: false },
    ]);
  });

  it('isolates a URL without its trailing punctuation', () => {
    expect(splitBidiRuns('التفاصيل على https://khabar.example/ar/2026?x=1. شكرا')).toEqual([
      { text: 'التفاصيل على ', isolate: false },
      { text: 'https://khabar.example/ar/2026?x=1', isolate: true },
      { text: '. شكرا', isolate: false },
    ]);
    expect(isolated('زوروا www.khabar.example، ثم')).toEqual(['www.khabar.example']);
  });

  it('isolates Latin #hashtags, @handles and e-mail addresses, not Arabic hashtags', () => {
    expect(isolated('تابعوا #Maroc2026 و@Khabar_ma و#المغرب أو راسلونا: news@khabar.example.')).toEqual([
      '#Maroc2026',
      '@Khabar_ma',
      'news@khabar.example',
    ]);
  });

  it('keeps internal . , : / % in numbers, and a leading minus sign', () => {
    expect(isolated('نما الاقتصاد 3.5% في 2025، والساعة 10:05 يوم 15/09/2022 والحرارة -5 والسكان 1,250,000')).toEqual([
      '3.5%',
      '2025',
      '10:05',
      '15/09/2022',
      '-5',
      '1,250,000',
    ]);
    expect(isolated('بين ٢٠٢٠ و٢٠٢٦ ارتفع المؤشر ١٢٫٥٪')).toEqual(['٢٠٢٠', '٢٠٢٦', '١٢٫٥٪']);
  });

  it('keeps a year range together rather than splitting it around the hyphen', () => {
    expect(isolated('خطة 2020-2026 الوطنية')).toEqual(['2020-2026']);
  });

  it('joins Latin words, and numbers that follow them, across spaces only', () => {
    expect(isolated('أعلنت Apple عن iPhone 17 Pro اليوم')).toEqual(['Apple', 'iPhone 17 Pro']);
    expect(isolated('حضر Emmanuel Macron، Olaf Scholz القمة')).toEqual(['Emmanuel Macron', 'Olaf Scholz']);
    // A number before a Latin word stays apart, as the bidi algorithm itself treats it.
    expect(isolated('في 2026 Rabat')).toEqual(['2026', 'Rabat']);
  });

  it('keeps words like G20 and COVID-19 whole', () => {
    expect(isolated('قمة G20 حول COVID-19')).toEqual(['G20', 'COVID-19']);
  });

  it('returns text without Arabic letters as one non-isolated run', () => {
    expect(splitBidiRuns('Emmanuel Macron, 2026.')).toEqual([{ text: 'Emmanuel Macron, 2026.', isolate: false }]);
    expect(splitBidiRuns('٢٠٢٦')).toEqual([{ text: '٢٠٢٦', isolate: false }]);
    expect(splitBidiRuns('')).toEqual([]);
  });

  it('returns pure Arabic as one non-isolated run', () => {
    expect(splitBidiRuns('خبر عاجل.')).toEqual([{ text: 'خبر عاجل.', isolate: false }]);
  });

  it('loses no character', () => {
    const text = 'قال Emmanuel Macron (رئيس فرنسا) إن 2026 «سنة مهمة» عبر https://x.example. #Maroc2026';
    expect(
      splitBidiRuns(text)
        .map((r) => r.text)
        .join(''),
    ).toBe(text);
  });
});

describe('hasArabic', () => {
  it('is true for Arabic letters only', () => {
    expect(hasArabic('قمة G20')).toBe(true);
    expect(hasArabic('ایران')).toBe(true);
    expect(hasArabic('G20 ٢٠٢٦ ،؟')).toBe(false);
    expect(hasArabic('')).toBe(false);
  });
});

describe('directionOf', () => {
  it('follows the first strong character', () => {
    expect(directionOf('2026 قمة G20')).toBe('rtl');
    expect(directionOf('G20 قمة')).toBe('ltr');
    expect(directionOf('«שלום»')).toBe('rtl');
    expect(directionOf('2026 — ! ٢٠٢٦')).toBe('neutral');
    expect(directionOf('')).toBe('neutral');
  });

  it('skips text inside bidi isolates', () => {
    expect(directionOf('\u2067قمة\u2069 G20')).toBe('ltr');
    expect(directionOf('\u2066G20\u2069 قمة')).toBe('rtl');
  });
});
