/** A byline: a staff member's public profile or a guest byline (no account, no archive page). */
export interface Author {
  id: number;
  slug: string;
  name: string;
  bio: string | null;
  userId: number | null;
  isGuest: boolean;
}

export interface NewAuthor {
  slug: string;
  name: string;
  bio?: string | null;
  userId?: number | null;
  isGuest?: boolean;
}
