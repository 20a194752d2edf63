/** What the content fallbacks need from pg: a Pool fits (our sb_ tables in the Directus database). */
export interface ContentDb {
	query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}
