// Chatwoot configuration as code: chatwoot/config/<business>.yaml applied through the API, and each
// department's wiring written into Directus. scripts/apply-chatwoot-config.ts is the CLI over it.
export {
	applyChatwootConfig,
	type ApplyChatwootConfigOptions,
	type ApplyChatwootConfigResult,
} from './apply-chatwoot-config.ts';
export {
	formatChange,
	formatChanges,
	type ChangeAction,
	type ChangeKind,
	type ConfigChange,
} from './changes.ts';
export { ChatwootConfigFileError, type ConfigIssue } from './chatwoot-config-file-error.ts';
export { ChatwootConfigStateError } from './chatwoot-config-state-error.ts';
export {
	chatwootConfigSchema,
	WEBHOOK_EVENTS,
	type ChatwootConfig,
	type CustomAttributeConfig,
	type DepartmentConfig,
	type LabelConfig,
	type SocialChannel,
	type SocialInboxConfig,
	type WhatsappNumberConfig,
} from './config-schema.ts';
export {
	applyDepartmentWiring,
	type DepartmentWiring,
	type WiringResult,
} from './directus-wiring.ts';
export { loadChatwootConfig, parseChatwootConfig } from './load-config.ts';
export { keepPendingRailsRunner, keepPendingRubyScript, manualSteps } from './manual-steps.ts';
export { planChatwootConfig, type ChatwootPlan, type PlanStep } from './plan.ts';
export { readChatwootState, type ChatwootState } from './read-state.ts';
export type { Environment } from './template.ts';

/** The repository's configuration file, the CLI's default. */
export const DEFAULT_CONFIG_FILE = new URL(
	'../../../../chatwoot/config/northwind-fibre.yaml',
	import.meta.url,
);
