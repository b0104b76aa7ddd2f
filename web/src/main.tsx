// Entry point: chooses the language (and, on a static copy of the
// published results, reads its manifest: api.ts), then renders the app.
import { render } from 'preact';
import { initialLanguage, setLanguage } from './i18n';
import { App } from './app';
import { loadSite } from './api';
import './styles.css';

Promise.allSettled([setLanguage(initialLanguage()), loadSite()]).finally(() => {
  const root = document.getElementById('app')!;
  root.textContent = '';
  render(<App />, root);
});
