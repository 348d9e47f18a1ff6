import { splitBidiRuns } from '../../domain/text/bidi.js';

/**
 * Text whose Latin and number runs are isolated in `<bdi>`, so that a name such as "OCP" or a
 * score such as "2-1" inside an Arabic headline keeps its punctuation on the correct side.
 *
 * @example <Bidi text="فوز الرجاء على Wydad بنتيجة 2-1" />
 */
export function Bidi({ text }: { text: string }) {
  return (
    <>
      {splitBidiRuns(text).map((run) => (run.isolate ? <bdi>{run.text}</bdi> : run.text))}
    </>
  );
}
