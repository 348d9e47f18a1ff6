/**
 * The link an invited user opens. The token rides in the fragment, which browsers never send to a
 * server, so it stays out of access logs and Referer headers.
 *
 * @example invitationLink('https://khabar.example', token) // 'https://khabar.example/admin/invitation#…'
 */
export function invitationLink(baseUrl: string, token: string): string {
  return `${baseUrl}/admin/invitation#${token}`;
}
