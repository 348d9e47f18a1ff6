import type { Generated } from 'kysely';

/**
 * Table types shared by both dialects. Conventions (docs/decisions/002-store-conventions.md):
 * timestamps are ISO-8601 UTC strings with milliseconds, booleans are integers 0/1, JSON is text.
 */
export interface Database {
  settings: { key: string; value: string };
  users: {
    id: Generated<number>;
    email: string;
    display_name: string;
    role: string;
    password_hash: string | null;
    created_at: string;
    updated_at: string;
  };
  authors: {
    id: Generated<number>;
    slug: string;
    display_name: string;
    bio: string | null;
    user_id: number | null;
    is_guest: number;
    created_at: string;
  };
  sections: {
    id: Generated<number>;
    slug: string;
    name: string;
    description: string | null;
    parent_id: number | null;
    position: number;
    created_at: string;
    updated_at: string;
  };
  tags: {
    id: Generated<number>;
    slug: string;
    name: string;
    description: string | null;
    created_at: string;
  };
  media: {
    id: Generated<number>;
    storage_key: string;
    mime_type: string;
    width: number | null;
    height: number | null;
    size_bytes: number;
    alt: string;
    caption: string | null;
    credit: string | null;
    focal_x: number | null;
    focal_y: number | null;
    variants: string;
    created_at: string;
    original_name: string | null;
    uploaded_by: number | null;
    search_text: Generated<string>;
  };
  articles: {
    id: Generated<number>;
    slug: string;
    title: string;
    lede: string | null;
    body: string;
    status: string;
    published_at: string | null;
    modified_at: string | null;
    created_at: string;
    updated_at: string;
    primary_section_id: number | null;
    featured_media_id: number | null;
    is_breaking: number;
    is_featured: number;
    comments_open: number;
    seo_title: string | null;
    seo_description: string | null;
    reading_minutes: number;
    version: number;
    is_demo: number;
    comment_count: Generated<number>;
    /** m012: approved comments with no parent (the article's threads), moved with comment_count. */
    thread_count: Generated<number>;
    /** m007: the user who created it (ownership), the state it was trashed from, the last saver. */
    created_by: number | null;
    previous_status: string | null;
    updated_by: number | null;
    /** m013: the canonical URL when it is not the article's own (an imported Yoast canonical); null otherwise. */
    canonical_url: string | null;
  };
  article_sections: { article_id: number; section_id: number; position: number };
  article_tags: { article_id: number; tag_id: number; position: number };
  article_authors: { article_id: number; author_id: number; position: number };
  article_revisions: {
    id: Generated<number>;
    article_id: number;
    version: number;
    title: string;
    lede: string | null;
    body: string;
    snapshot: string;
    created_by: number | null;
    created_at: string;
  };
  pages: {
    id: Generated<number>;
    slug: string;
    title: string;
    body: string;
    status: string;
    published_at: string | null;
    created_at: string;
    updated_at: string;
    position: number;
    is_demo: number;
  };
  redirects: {
    id: Generated<number>;
    from_path: string;
    to_path: string;
    status_code: number;
    created_at: string;
  };
  sessions: {
    id: Generated<number>;
    token_hash: string;
    user_id: number;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
    ip_hash: string | null;
    user_agent: string | null;
  };
  invitations: {
    id: Generated<number>;
    token_hash: string;
    user_id: number;
    created_by: number | null;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
  article_daily_views: { article_id: number; day: string; views: number };
  khabar_state: { key: string; value: string | number };
  khabar_purges: { seq: string | number; keys: string; created_at: string };
  comments: {
    id: Generated<number>;
    article_id: number;
    parent_id: number | null;
    depth: number;
    author_name: string;
    author_email: string;
    author_url: string | null;
    user_id: number | null;
    body: string;
    status: string;
    ip_hash: string | null;
    user_agent: string | null;
    fingerprint: string;
    created_at: string;
    updated_at: string;
  };
  rate_limits: { key: string; window_end: number | string; hits: number };
  instance_secrets: { name: string; value: string; created_at: string };
  /** One row per indexed (published) article; the dialect keeps its full-text entry beside it. */
  search_documents: { article_id: number; published_at: string; words: string };
  /** Normalized surface word → number of indexed articles containing it. */
  search_vocabulary: { word: string; docs: number };
  jobs: {
    id: Generated<number>;
    kind: string;
    payload: string;
    run_at: string;
    state: string;
    attempts: Generated<number>;
    max_attempts: number;
    backoff_ms: number;
    dedupe_key: string | null;
    locked_by: string | null;
    locked_until: string | null;
    last_error: string | null;
    created_at: string;
    finished_at: string | null;
  };
  audit_log: {
    id: Generated<number>;
    at: string;
    actor_user_id: number | null;
    actor_label: string;
    action: string;
    target_type: string;
    target_id: string | null;
    details: string;
  };
  /** m010: rows an import wrote, by the source's own ids (re-runs update them). */
  import_keys: { source: string; kind: string; source_id: string; target_id: number };
  article_presence: { article_id: number; user_id: number; seen_at: string; expires_at: string };
  /** m014: imports started from the admin (progress and report as JSON text). */
  import_runs: {
    id: Generated<number>;
    source_kind: string;
    state: string;
    file_name: string;
    upload_path: string;
    size_bytes: number | string;
    dry_run: number;
    requested_by: number | null;
    progress: string;
    report: string | null;
    error: string | null;
    created_at: string;
    updated_at: string;
    finished_at: string | null;
    cancel_requested_at: string | null;
  };
}
