import type { ArticleCardView } from '../models.js';
import { memoElement } from './memoElement.js';
import { Bidi } from './Bidi.js';
import { DateTime } from './DateTime.js';
import { ResponsiveImage } from './ResponsiveImage.js';

/**
 * - `lead`: the top story, large image loaded eagerly, with its lede.
 * - `standard`: image (lazy) above the title.
 * - `compact`: text only, for lists (latest, most read, previous/next).
 */
export type ArticleCardVariant = 'lead' | 'standard' | 'compact';

export interface ArticleCardProps {
  article: ArticleCardView;
  variant?: ArticleCardVariant;
  /** The heading level of the title within the page outline. */
  level?: 2 | 3;
  /** Hide the section label, e.g. inside that section's own block. */
  showSection?: boolean;
}

const sizesByVariant: Record<ArticleCardVariant, string> = {
  lead: '(min-width: 1100px) 720px, (min-width: 768px) 66vw, 100vw',
  standard: '(min-width: 1100px) 360px, (min-width: 768px) 50vw, 100vw',
  compact: '1px',
};

/** An article in a list or block; rendered once per card view and variant (see memoElement). */
export function ArticleCard(props: ArticleCardProps) {
  const { article, variant = 'standard', level = 3, showSection = true } = props;
  return memoElement(article, `${variant}|${level}|${showSection}`, 'article', { class: `card card-${variant}` }, () =>
    cardContent(article, variant, level, showSection),
  );
}

function cardContent(article: ArticleCardView, variant: ArticleCardVariant, level: 2 | 3, showSection: boolean) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const image = variant === 'compact' ? null : article.image;
  return (
    <>
      {image !== null && (
        <a class="card-media" href={article.href} tabindex={-1} aria-hidden="true">
          <ResponsiveImage image={image} sizes={sizesByVariant[variant]} eager={variant === 'lead'} />
        </a>
      )}
      <div class="card-body">
        {(article.isBreaking || (showSection && article.section !== null)) && (
          <p class="card-kicker">
            {article.isBreaking && <span class="badge-breaking">عاجل</span>}
            {showSection && article.section !== null && (
              <a class="section-label" href={article.section.href}>
                {article.section.name}
              </a>
            )}
          </p>
        )}
        <Heading class="card-title">
          <a href={article.href}>
            <Bidi text={article.title} />
          </a>
        </Heading>
        {variant === 'lead' && article.lede !== null && (
          <p class="card-lede">
            <Bidi text={article.lede} />
          </p>
        )}
        {(article.published !== null || article.comments !== null) && (
          <p class="card-meta">
            {article.published !== null && <DateTime date={article.published} />}
            {article.comments !== null && (
              <a class="card-comments" href={article.comments.href}>
                {article.comments.name}
              </a>
            )}
          </p>
        )}
      </div>
    </>
  );
}
