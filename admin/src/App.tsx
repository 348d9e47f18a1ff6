import { useEffect, useState } from 'preact/hooks';
import { whenUnauthenticated } from './api/client.js';
import { currentUser, logOut, type Account } from './api/session.js';
import type { MessageKey } from './i18n/catalogue.js';
import { useI18n } from './i18n/I18n.js';
import { Link, navigate, usePath } from './router.js';
import { AccountScreen } from './screens/AccountScreen.js';
import { ArticleEditScreen, editorKeyFor } from './screens/ArticleEditScreen.js';
import { ArticlesScreen } from './screens/ArticlesScreen.js';
import { AuditScreen } from './screens/AuditScreen.js';
import { CommentsScreen } from './screens/CommentsScreen.js';
import { DashboardScreen } from './screens/DashboardScreen.js';
import { ImportScreen } from './screens/ImportScreen.js';
import { InvitationScreen } from './screens/InvitationScreen.js';
import { LoginScreen } from './screens/LoginScreen.js';
import { MediaScreen } from './screens/MediaScreen.js';
import { SettingsScreen } from './screens/SettingsScreen.js';
import { UsersScreen } from './screens/UsersScreen.js';
import { LanguageSwitch } from './ui/LanguageSwitch.js';
import { Loading } from './ui/Notice.js';

function screenFor(path: string, user: Account) {
  if (path === '/' || path === '') return <DashboardScreen user={user} />;
  if (path === '/comments') return <CommentsScreen />;
  if (path === '/users') return <UsersScreen user={user} />;
  if (path === '/account') return <AccountScreen user={user} />;
  if (path === '/articles') return <ArticlesScreen />;
  if (path === '/articles/new') return <ArticleEditScreen key={editorKeyFor(null)} id={null} />;
  const article = /^\/articles\/(\d+)$/.exec(path);
  if (article) return <ArticleEditScreen key={editorKeyFor(Number(article[1]))} id={Number(article[1])} />;
  if (path === '/media') return <MediaScreen />;
  if (path === '/settings') return <SettingsScreen />;
  if (path === '/audit' && user.role === 'admin') return <AuditScreen />;
  if (path === '/import' && user.role === 'admin') return <ImportScreen />;
  return <DashboardScreen user={user} />;
}

const NAV: { to: string; key: MessageKey; roles?: Account['role'][] }[] = [
  { to: '/', key: 'nav.dashboard' },
  { to: '/articles', key: 'nav.articles' },
  { to: '/articles/new', key: 'nav.newArticle' },
  { to: '/comments', key: 'nav.comments', roles: ['admin', 'editor', 'author'] },
  { to: '/media', key: 'nav.media', roles: ['admin', 'editor', 'author'] },
  { to: '/users', key: 'nav.users', roles: ['admin'] },
  { to: '/settings', key: 'nav.settings', roles: ['admin'] },
  { to: '/audit', key: 'nav.audit', roles: ['admin'] },
  { to: '/import', key: 'nav.import', roles: ['admin'] },
  { to: '/account', key: 'nav.account' },
];

/** The newsroom app: who is signed in decides between the login screen and the shell. */
export function App() {
  const { t } = useI18n();
  const path = usePath();
  const [user, setUser] = useState<Account | null | undefined>(undefined);

  useEffect(() => {
    whenUnauthenticated(() => setUser(null));
    currentUser().then(setUser, () => setUser(null));
  }, []);

  if (path === '/invitation') return <InvitationScreen onSignedIn={(signedIn) => { setUser(signedIn); navigate('/', { replace: true }); }} />;
  if (user === undefined) return <Loading />;
  if (user === null) return <LoginScreen onSignedIn={setUser} />;

  const active = (to: string) => (to === '/' ? path === '/' : path === to || (to === '/articles' && /^\/articles\/\d+$/.test(path)));
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <span class="brand">
          خبر <small>{t('app.title')}</small>
        </span>
        <span class="topbar-end">
          <a href="/" class="site-link">
            {t('app.site')}
          </a>
          <span class="who" dir="auto">
            {user.displayName}
          </span>
          <LanguageSwitch />
          <button
            type="button"
            class="button-quiet"
            onClick={async () => {
              await logOut().catch(() => {});
              setUser(null);
              navigate('/', { replace: true });
            }}
          >
            {t('nav.logout')}
          </button>
        </span>
      </header>
      <nav class="sidebar" aria-label={t('app.title')}>
        <ul>
          {NAV.filter((item) => !item.roles || item.roles.includes(user.role)).map((item) => (
            <li key={item.to}>
              <Link to={item.to} aria-current={active(item.to) ? 'page' : undefined}>
                {t(item.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" class="content" tabIndex={-1}>
        {screenFor(path, user)}
      </main>
    </div>
  );
}
