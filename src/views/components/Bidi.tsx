import { splitBidiRuns } from '../../domain/text/bidi.js';

/**
 * A number with inner separators ("2-1", "2020-2026", "15/09/2022", "10:05", "3.5%"), which a
 * browser may otherwise break after the hyphen or slash, leaving a score split over two lines.
 */
const COMPOUND_NUMBER = /^[+\u2212-]?[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,:/\-\u2013\u066B\u066C][0-9\u0660-\u0669\u06F0-\u06F9]+)+[%\u066A]?$/u;

/**
 * Text whose Latin and number runs are isolated in `<bdi>`, so that a name such as "OCP" or a
 * score such as "2-1" inside an Arabic headline keeps its punctuation on the correct side.
 * Compound numbers get `class="num"`, which the stylesheet keeps on one line.
 *
 * @example <Bidi text="فوز الرجاء على Wydad بنتيجة 2-1" />
 */
export function Bidi({ text }: { text: string }) {
  return (
    <>
      {runsOf(text).map((run) =>
        !run.isolate ? run.text : COMPOUND_NUMBER.test(run.text) ? <bdi class="num">{run.text}</bdi> : <bdi>{run.text}</bdi>,
      )}
    </>
  );
}

/** Headlines repeat on every page that lists them: their runs are computed once (bounded memo). */
const runCache = new Map<string, ReturnType<typeof splitBidiRuns>>();

function runsOf(text: string): ReturnType<typeof splitBidiRuns> {
  let runs = runCache.get(text);
  if (runs === undefined) {
    runs = splitBidiRuns(text);
    if (runCache.size >= 5000) runCache.clear();
    runCache.set(text, runs);
  }
  return runs;
}
