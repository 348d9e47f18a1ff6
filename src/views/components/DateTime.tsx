import type { DateView } from '../models.js';

/** A `<time>` element: the reader's text, the machine-readable ISO moment. */
export function DateTime({ date }: { date: DateView }) {
  return <time datetime={date.iso}>{date.text}</time>;
}
