// The challenge pages of a drill, loaded together on first use (ChallengesLazy).
export { ChallengesPage } from './Challenges';
export { ScoreboardPage } from './Scoreboard';
export { SubmissionsPage } from './Submissions';
