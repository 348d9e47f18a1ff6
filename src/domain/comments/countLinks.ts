/** Links in a comment as WordPress counts them (comment_max_links): anchors plus bare URLs in the text. */
export function countLinks(text: string): number {
  const anchors = text.match(/<a\s[^>]*href/gi)?.length ?? 0;
  const bare = text.replace(/<a\s[^>]*>.*?<\/a>/gis, ' ').match(/\b(?:https?:\/\/|www\.)\S+/gi)?.length ?? 0;
  return anchors + bare;
}
