// Test support for the adapters' tests (n8n nodes, scripts, end-to-end): a throwaway database, a
// Directus with our schema, and the triage's and captions' fixtures. Never imported by runtime code.

export { createTestDatabase, type TestDatabase } from './log-store/test-database.ts';
export {
	startContentDirectus,
	type ContentDirectus,
	type ContentDirectusOptions,
} from './content/setup/testing.ts';
export {
	makeBundle,
	makeTriageResult,
	OTHER_DEPARTMENTS,
	TEST_MODEL,
	TEST_PRICES,
} from './triage/test-fixtures.ts';
export { makeCaptionInput } from './captions/test-fixtures.ts';
export {
	acceptedByRecipient,
	APP_SECRET as BROADCAST_TEST_APP_SECRET,
	MemoryStore as MemoryBroadcastStore,
	planOf as broadcastPlanOf,
	startHarness as startBroadcastHarness,
	TOKEN as BROADCAST_TEST_TOKEN,
	type BroadcastHarness,
} from './broadcasts/test-support.ts';
