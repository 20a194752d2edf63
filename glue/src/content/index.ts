// Content from Directus: the contract (what a department, FAQ, promotion, plan is), the cached
// reader the triage and the social poster use, leads, and the errors. Provisioning Directus (schema,
// access, seed, dashboards) is @switchboard/glue/content/setup.

// The contract.
export {
	businessInfoSchema,
	CONTENT_STATUSES,
	contentStalenessSchema,
	departmentSchema,
	knowledgeBundleSchema,
	messageTemplateSchema,
	promotionSchema,
	SOCIAL_PLATFORMS,
	timeZoneSchema,
	type BusinessInfo,
	type Department,
	type Faq,
	type KnowledgeBundle,
	type MessageTemplate,
	type OpeningHours,
	type Plan,
	type Promotion,
} from './schemas.ts';

// Reading it: the Directus connection and the cached reader (which promotions are live is its rule).
export { connectDirectus, type DirectusApi, type DirectusConnection } from './directus-client.ts';
export {
	createContentReader,
	type ContentLogger,
	type ContentReader,
	type ContentReaderOptions,
} from './reader.ts';
// While Directus is down: routing content from the last good read (persisted), marked stale.
export { type ContentDb } from './content-db.ts';
export { type ContentStaleness } from './last-known.ts';
export {
	postgresSnapshotStore,
	type ContentSnapshot,
	type ContentSnapshotStore,
} from './snapshot-store.ts';
export { systemClock, type Clock } from './ttl-cache.ts';

// Writing: a lead from a conversation.
// A lead Directus cannot take now waits in sb_pending_leads and is written by a later call.
export {
	flushPendingLeads,
	recordLead,
	type FlushResult,
	type LeadInput,
	type LeadOutboxOptions,
	type LeadResult,
} from './leads.ts';

// What a failed call throws.
export {
	ContentApiError,
	ContentError,
	ContentForbiddenError,
	ContentInputError,
	ContentNotFoundError,
	ContentResponseError,
	ContentSetupError,
	ContentUnauthorizedError,
	ContentUnreachableError,
} from './errors.ts';
