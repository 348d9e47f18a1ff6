import type { LinkView } from '../models.js';
import { Bidi } from './Bidi.js';
import { memoElement } from './memoElement.js';

export interface BreadcrumbsProps {
  items: LinkView[];
  /** The current page's name, shown last without a link; omit when the trail ends at a parent. */
  current?: string;
}

/** The trail of parent pages: `<nav aria-label="مسار التنقل"><ol>…`. Nothing when the trail is empty. */
export function Breadcrumbs({ items, current }: BreadcrumbsProps) {
  if (items.length === 0) return null;
  return memoElement(items, current ?? '', 'nav', { class: 'breadcrumbs', 'aria-label': 'مسار التنقل' }, () => (
      <ol>
        {items.map((item) => (
          <li key={item.href}>
            <a href={item.href}>{item.name}</a>
          </li>
        ))}
        {current !== undefined && (
          <li>
            <span aria-current="page">
              <Bidi text={current} />
            </span>
          </li>
        )}
      </ol>
  ));
}
