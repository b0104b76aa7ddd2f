// Entry point: chooses the language, then renders the app.
import { render } from 'preact';
import { initialLanguage, setLanguage } from './i18n';
import { App } from './app';
import './styles.css';

setLanguage(initialLanguage()).finally(() => {
  const root = document.getElementById('app')!;
  root.textContent = '';
  render(<App />, root);
});
