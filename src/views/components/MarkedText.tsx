import type { MarkedTextView } from '../models.js';

/** Text with the matched words in `<mark>`; every piece is escaped like any other text. */
export function MarkedText({ parts }: { parts: MarkedTextView[] }) {
  return <>{parts.map((part) => (part.mark ? <mark>{part.text}</mark> : part.text))}</>;
}
