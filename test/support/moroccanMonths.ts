/**
 * The month names Moroccan Arabic uses (ar-MA), January first: what readers of the reference site
 * see (يوليوز، غشت، شتنبر). Written out here, not taken from Intl, so the tests check the product's
 * dates against an independent list.
 */
export const MOROCCAN_MONTHS: readonly string[] = ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر', 'أكتوبر', 'نونبر', 'دجنبر'];
