import type { ArticleCardView } from '../models.js';
import { Bidi } from './Bidi.js';
import { memoElement } from './memoElement.js';

/** The red "عاجل" strip under the masthead; renders nothing when there is no breaking news. */
export function BreakingBar({ items }: { items: ArticleCardView[] }) {
  if (items.length === 0) return null;
  // Shown on every page: rendered once per list of breaking stories (views are immutable).
  return memoElement(items, '', 'section', { class: 'breaking', 'aria-labelledby': 'breaking-label' }, () => (
    <>
      <strong class="breaking-label" id="breaking-label">
        عاجل
      </strong>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <a href={item.href}>
              <Bidi text={item.title} />
            </a>
          </li>
        ))}
      </ul>
    </>
  ));
}
