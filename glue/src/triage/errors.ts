// The triage's typed errors.

export { TriageConfigError } from './triage-config-error.ts';
export { TriageError } from './triage-error.ts';
export { TriageInputError, type InputIssue } from './triage-input-error.ts';
