/** A permanent move: a changed slug or an imported legacy URL (paths are Unicode, decoded). */
export interface Redirect {
  fromPath: string;
  toPath: string;
  statusCode: 301 | 302 | 308;
}
