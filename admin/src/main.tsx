import { render } from 'preact';
import { App } from './App.js';
import { I18nProvider } from './i18n/I18n.js';
import './fonts.js';
import './styles.css';

render(
  <I18nProvider>
    <App />
  </I18nProvider>,
  document.getElementById('app')!,
);
