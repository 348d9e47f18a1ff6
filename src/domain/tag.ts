export interface Tag {
  id: number;
  slug: string;
  name: string;
  description: string | null;
}

export interface NewTag {
  slug: string;
  name: string;
  description?: string | null;
}
