import type { ResolvedConfig } from '../../config/loadConfig.js';
import type { RateLimiter } from '../../ratelimit/RateLimiter.js';
import type { SecretRepository, Store } from '../../store/ports.js';
import type { SiteSettingsSource } from '../site/siteSettings.js';

/** Keys for the comment form's tokens, held-comment links and IP hashes; the same on every node. */
export interface CommentKeys {
  token: string;
  moderation: string;
  ip: string;
}

export interface CommentDeps {
  store: Store;
  limiter: RateLimiter;
  site: SiteSettingsSource;
  limits: ResolvedConfig['limits'];
  keys: () => Promise<CommentKeys>;
  now: () => Date;
}

/** Reads the site's comment keys once (they are created in the store on first use). */
export function commentKeysFrom(secrets: SecretRepository): () => Promise<CommentKeys> {
  let keys: Promise<CommentKeys> | undefined;
  return () => {
    keys ??= Promise.all([secrets.get('comment-token'), secrets.get('comment-moderation'), secrets.get('ip-hash')]).then(([token, moderation, ip]) => ({
      token,
      moderation,
      ip,
    }));
    keys.catch(() => {
      keys = undefined;
    });
    return keys;
  };
}
