export interface MediaVariant {
  /** Storage key relative to the media root. */
  key: string;
  width: number;
  height: number;
  format: string;
}

/** An uploaded (or imported) file and what readers need to show it. */
export interface Media {
  id: number;
  /** Storage key relative to the media root, e.g. "2026/11/tramway.svg". */
  key: string;
  mimeType: string;
  width: number | null;
  height: number | null;
  sizeBytes: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  variants: MediaVariant[];
  createdAt: Date;
}

export interface NewMedia {
  key: string;
  mimeType: string;
  width?: number | null;
  height?: number | null;
  sizeBytes: number;
  alt?: string;
  caption?: string | null;
  credit?: string | null;
  variants?: MediaVariant[];
}
