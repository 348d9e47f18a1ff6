import { useEffect, useState } from 'preact/hooks';
import { editingHeartbeat, leaveArticle, type OtherEditor } from '../api/presence.js';
import { browserPollEnvironment, pollWhileVisible } from './presencePolling.js';

/**
 * Who else has this article open in the editor: while the editor shows a saved article, a heartbeat
 * every ~20 s (none while the tab is hidden) marks this user as editing it and brings back the others.
 * Closing the editor tells the server at once, and so does closing the tab or leaving the site
 * (`pagehide`, which also fires where `unload` does not: mobile browsers, the back/forward cache).
 */
export function useOthersEditing(articleId: number | null): OtherEditor[] {
  const [others, setOthers] = useState<OtherEditor[]>([]);
  useEffect(() => {
    setOthers([]);
    if (articleId === null) return undefined;
    const stop = pollWhileVisible({ beat: () => editingHeartbeat(articleId), onResult: setOthers, env: browserPollEnvironment() });
    const onPageHide = () => void leaveArticle(articleId, true).catch(() => {});
    globalThis.addEventListener('pagehide', onPageHide);
    return () => {
      globalThis.removeEventListener('pagehide', onPageHide);
      stop();
      leaveArticle(articleId).catch(() => {});
    };
  }, [articleId]);
  return others;
}
