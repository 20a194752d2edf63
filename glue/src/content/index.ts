// Content from Directus: the contract (what a department, FAQ, promotion, plan is), the cached
// reader the triage and the social poster use, leads, and the errors. Provisioning Directus (schema,
// access, seed, dashboards) is @switchboard/glue/content/setup.

// The contract.
export {
	businessInfoSchema,
	CONTENT_STATUSES,
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
export { systemClock, type Clock } from './ttl-cache.ts';

// Messages sent without Claude: a message_templates record in the customer's language, filled in.
export { pickTemplate, renderTemplate } from './message-template.ts';

// Writing: a lead from a conversation.
export { recordLead, type LeadInput, type LeadResult } from './leads.ts';

// What a failed call throws.
export {
	ContentApiError,
	ContentError,
	ContentForbiddenError,
	ContentInputError,
	ContentNotFoundError,
	ContentResponseError,
	ContentSetupError,
	ContentTemplateError,
	ContentUnauthorizedError,
	ContentUnreachableError,
} from './errors.ts';
