// The auto-poster's typed errors. Platform failures are not thrown: they end in a failed outcome,
// logged for marketing (failure.ts says how each one reads).
export { SocialConfigError } from './social-config-error.ts';
export { SocialError } from './social-error.ts';
export { SocialInputError, type SocialIssue } from './social-input-error.ts';
export { SocialLogError } from './social-log-error.ts';
