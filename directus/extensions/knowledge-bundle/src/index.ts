// Endpoints under /switchboard: the knowledge bundle the triage reads in one call.
import { defineEndpoint } from '@directus/extensions-sdk';
import { getKnowledgeBundle } from './handlers/get-knowledge-bundle.ts';

export default defineEndpoint({
	id: 'switchboard',
	handler: (router, context) => {
		router.get('/knowledge-bundle/:department', getKnowledgeBundle(context));
	},
});
