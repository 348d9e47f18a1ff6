import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A reader's browser for the comment form: reads the form of an article page and posts it back. */
export interface CommentClient {
  /** GETs the page and returns its form's hidden fields. */
  form(path: string, headers?: Record<string, string>): Promise<{ token: string; articleId: string; html: string }>;
  post(fields: Record<string, string>, options?: { ip?: string; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
}

export function commentClient(app: FastifyInstance): CommentClient {
  return {
    async form(path, headers = {}) {
      const res = await app.inject({ method: 'GET', url: path, headers });
      const token = /name="khabar_token" value="([^"]+)"/.exec(res.body)?.[1];
      const articleId = /name="comment_post_ID" value="(\d+)"/.exec(res.body)?.[1];
      if (!token || !articleId) throw new Error(`no comment form at ${path} (status ${res.statusCode})`);
      return { token, articleId, html: res.body };
    },
    post(fields, options = {}) {
      return app.inject({
        method: 'POST',
        url: '/wp-comments-post.php',
        remoteAddress: options.ip ?? '203.0.113.7',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          host: 'khabar.example',
          origin: 'http://khabar.example',
          ...options.headers,
        },
        payload: new URLSearchParams(fields).toString(),
      });
    },
  };
}
