// The technical-challenge pages of a drill (pages/convene/challengePages:
// the board, the scoreboard, the editor, the submissions log) are loaded
// only when one of them is opened (one chunk, with their chart).
import { t } from '../i18n';
import { lazyPage } from './LazyPage';

const pages = () => import('./convene/challengePages');
export const ChallengesPage = lazyPage(() => pages().then((m) => m.ChallengesPage), () => t('chTitle'));
export const ScoreboardPage = lazyPage(() => pages().then((m) => m.ScoreboardPage), () => t('bdTitle'));
export const SubmissionsPage = lazyPage(() => pages().then((m) => m.SubmissionsPage), () => t('suTitle'));
