// Content from Directus: the contract (schemas.ts), the reader, its errors. Setup is in ./setup/.
export * from './errors.ts';
export { connectDirectus, type DirectusConnection } from './directus-client.ts';
export {
	createContentReader,
	DEFAULT_CACHE_TTL_MS,
	type ContentLogger,
	type ContentReader,
	type ContentReaderOptions,
	type FaqQuery,
} from './reader.ts';
export { leadInputSchema, recordLead, type LeadInput, type LeadResult } from './leads.ts';
export * from './schemas.ts';
export { systemClock, type Clock } from './ttl-cache.ts';
