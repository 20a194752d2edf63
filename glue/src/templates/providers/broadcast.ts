// {{broadcast.*}}: what a broadcast or an opt-out confirmation tells the customer about their
// subscription, in their language's words from Directus `opt_out_keywords`.
import { defineProvider } from '../variables.ts';

export const broadcastProvider = defineProvider({
	namespace: 'broadcast',
	description: 'The WhatsApp broadcast: the words that stop and restart broadcasts.',
	variables: [
		{
			name: 'opt_out_word',
			type: 'text',
			description: "The word that stops broadcasts, in the customer's language, e.g. STOP",
			sample: 'STOP',
		},
		{
			name: 'opt_in_word',
			type: 'text',
			description: 'The word that starts them again, e.g. START',
			sample: 'START',
		},
	],
	resolve: ({ broadcast }) => ({
		opt_out_word: broadcast?.optOutWord ?? null,
		opt_in_word: broadcast?.optInWord ?? null,
	}),
});
