// The log store: our sb_ tables in the Directus database, their migrations and typed operations.
export * from './errors.ts';
export {
	loadMigrations,
	migrate,
	type MigrateLogger,
	type MigrateOptions,
	type MigrateResult,
	type Migration,
} from './migrate.ts';
export type { Query } from './queries.ts';
export {
	claimSocialPost,
	completeSocialPost,
	decisionsByConversation,
	recordAction,
	recordDecision,
	recordInboundEvent,
	type Queryable,
} from './repository.ts';
export * from './schemas.ts';
