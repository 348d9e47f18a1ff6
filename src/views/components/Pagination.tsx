import type { PaginationView } from '../models.js';

/** السابق / التالي with "الصفحة N من M"; nothing when everything fits on one page. */
export function Pagination({ pagination }: { pagination: PaginationView }) {
  const { page, totalPages, prevHref, nextHref } = pagination;
  if (totalPages <= 1) return null;
  return (
    <nav class="pagination" aria-label="التنقل بين الصفحات">
      {prevHref !== null ? (
        <a class="pagination-prev" href={prevHref} rel="prev">
          السابق
        </a>
      ) : (
        <span class="pagination-prev" aria-disabled="true">
          السابق
        </span>
      )}
      <span class="pagination-status">
        الصفحة {page} من {totalPages}
      </span>
      {nextHref !== null ? (
        <a class="pagination-next" href={nextHref} rel="next">
          التالي
        </a>
      ) : (
        <span class="pagination-next" aria-disabled="true">
          التالي
        </span>
      )}
    </nav>
  );
}
