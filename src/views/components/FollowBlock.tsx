import type { FollowLinksView } from '../models.js';
import { Bidi } from './Bidi.js';

export interface FollowBlockProps {
  siteName: string;
  follow: FollowLinksView;
}

/**
 * "Follow the latest news from {site} on" WhatsApp / Google News. Each link appears only when its
 * URL is configured; with neither, the block renders nothing.
 */
export function FollowBlock({ siteName, follow }: FollowBlockProps) {
  if (follow.whatsapp === null && follow.googleNews === null) return null;
  return (
    <div class="follow">
      <p class="follow-text">
        تابع آخر الأخبار من <Bidi text={siteName} /> على
      </p>
      <ul class="follow-links">
        {follow.whatsapp !== null && (
          <li>
            <a class="follow-whatsapp" href={follow.whatsapp} rel="noopener" target="_blank">
              واتساب
            </a>
          </li>
        )}
        {follow.googleNews !== null && (
          <li>
            <a class="follow-google-news" href={follow.googleNews} rel="noopener" target="_blank">
              أخبار <bdi>Google</bdi>
            </a>
          </li>
        )}
      </ul>
    </div>
  );
}
