// {{stage.*}}: the contact's lifecycle stage, as the caller read it from the stages code.
import { defineProvider } from '../variables.ts';

export const stageProvider = defineProvider({
	namespace: 'stage',
	description: "The contact's stage (new, engaged, qualified, booked, customer, lost).",
	variables: [
		{ name: 'key', type: 'text', description: 'Stage key, e.g. qualified', sample: 'qualified' },
		{ name: 'name', type: 'text', description: 'Stage name', sample: 'Qualified' },
	],
	resolve: ({ stage }) => ({
		key: stage?.key ?? null,
		name: stage?.name?.trim() || stage?.key || null,
	}),
});
