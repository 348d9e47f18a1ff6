import type { AuthorRefView } from '../models.js';
import { Bidi } from './Bidi.js';

/**
 * "بقلم أ، ب وج": authors with a profile are links (`rel="author"`), guest bylines plain text.
 * Arabic joins the last name with "و" attached to it, the others with "، ".
 */
export function Byline({ authors }: { authors: AuthorRefView[] }) {
  if (authors.length === 0) return null;
  return (
    <p class="byline">
      بقلم{' '}
      {authors.map((author, i) => {
        const separator = i === 0 ? '' : i === authors.length - 1 ? ' و' : '، ';
        const name = <Bidi text={author.name} />;
        return (
          <>
            {separator}
            {author.href !== null ? (
              <a class="author" href={author.href} rel="author">
                {name}
              </a>
            ) : (
              <span class="author">{name}</span>
            )}
          </>
        );
      })}
    </p>
  );
}
