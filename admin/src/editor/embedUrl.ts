// The recognizer lives with the server's HTML rules: the WordPress importer turns the same URLs into embed blocks.
export { parseEmbedUrl, type EmbedProvider, type EmbedTarget } from '../../../src/domain/html/embedUrl.js';
