// The pages of the workflow, loaded together on first use (WorkflowLazy).
export { SignIn } from './SignIn';
export { MyWork } from './MyWork';
export { Questionnaire } from './Questionnaire';
export { Review } from './Review';
export { CampaignPage } from './Campaign';
export { Respond } from './measure/Respond';
export { Workshop } from './measure/Workshop';
export { Maturity } from './measure/Maturity';
export { Report } from './measure/Report';
export { SetPassword } from './measure/SetPassword';
