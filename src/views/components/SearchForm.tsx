/**
 * The site search form: a plain GET to `/search?q=…`, usable without JavaScript.
 * `id` must be unique on the page (the header and the error page each have one).
 */
export function SearchForm({ id }: { id: string }) {
  return (
    <form class="search-form" role="search" action="/search" method="get">
      <label for={id}>ابحث في الموقع</label>
      <input id={id} type="search" name="q" required maxLength={200} autocomplete="off" />
      <button type="submit">بحث</button>
    </form>
  );
}
