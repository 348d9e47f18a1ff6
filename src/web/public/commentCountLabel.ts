const plural = new Intl.PluralRules('ar');

/**
 * "لا توجد تعليقات", "تعليق واحد", "تعليقان", "3 تعليقات", "11 تعليقاً", "100 تعليق": Arabic's six
 * plural forms, by Intl's rules.
 */
export function commentCountLabel(n: number): string {
  switch (plural.select(n)) {
    case 'zero':
      return 'لا توجد تعليقات';
    case 'one':
      return 'تعليق واحد';
    case 'two':
      return 'تعليقان';
    case 'few':
      return `${n} تعليقات`;
    case 'many':
      return `${n} تعليقاً`;
    default:
      return `${n} تعليق`;
  }
}
