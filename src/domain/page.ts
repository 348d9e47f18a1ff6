/** A static page ("من نحن"), served at /<slug>/. */
export interface Page {
  id: number;
  slug: string;
  title: string;
  /** Sanitized HTML. */
  body: string;
  status: 'draft' | 'published' | 'trash';
  publishedAt: Date | null;
  updatedAt: Date;
  position: number;
  isDemo: boolean;
}

export interface NewPage {
  slug: string;
  title: string;
  body: string;
  status: Page['status'];
  publishedAt?: Date | null;
  position?: number;
  isDemo?: boolean;
}
