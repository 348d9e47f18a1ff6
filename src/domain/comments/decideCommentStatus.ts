import type { CommentStatus } from '../comment.js';

export interface CommentSignals {
  /** The hidden field bots fill. */
  honeypot: boolean;
  /** A word of the disallowed list matched. */
  disallowedWord: string | null;
  /** A word of the moderation list matched. */
  moderationWord: string | null;
  links: number;
  /** The address already has an approved comment. */
  returning: boolean;
  /** Written by a logged-in newsroom member. */
  staff: boolean;
}

export interface ModerationRules {
  moderation: 'hold-all' | 'trust-returning' | 'open';
  maxLinks: number;
}

/**
 * The state a new comment starts in, by WordPress's rules: spam signals first, then the
 * moderation settings ("hold all", "trust an address with an approved comment", or open),
 * with too many links or a moderation word holding it.
 *
 * @example decideCommentStatus({ moderation: 'trust-returning', maxLinks: 2 }, { honeypot: false, disallowedWord: null, moderationWord: null, links: 0, returning: true, staff: false }) // 'approved'
 */
export function decideCommentStatus(rules: ModerationRules, signals: CommentSignals): CommentStatus {
  if (signals.honeypot || signals.disallowedWord !== null) return 'spam';
  if (signals.staff) return 'approved';
  if (rules.moderation === 'hold-all') return 'pending';
  if (signals.moderationWord !== null || signals.links > rules.maxLinks) return 'pending';
  if (rules.moderation === 'trust-returning') return signals.returning ? 'approved' : 'pending';
  return 'approved';
}
