/**
 * One database and one owning role per app, created by compose/postgres/init/10-app-databases.sh
 * (a test checks that its default list is this one). Our sb_ tables live in `directus` (DESIGN.md §3).
 */
export const appDatabases = ['chatwoot', 'n8n', 'directus'] as const;
export type AppDatabase = (typeof appDatabases)[number];
