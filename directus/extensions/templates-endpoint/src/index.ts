// /switchboard-templates: a message template previewed for a chosen contact or with sample values
// (handlers/preview.ts, reached from the "Preview" link on each template), and the approved
// WhatsApp templates synced from Meta on demand (handlers/sync.ts, admins only).
import { defineEndpoint } from '@directus/extensions-sdk';
import { previewTemplate } from './handlers/preview.ts';
import { syncApprovedNow } from './handlers/sync.ts';

export default defineEndpoint({
	id: 'switchboard-templates',
	handler: (router, context) => {
		router.get('/preview/:id', (req, res, next) => {
			previewTemplate(req, res, context).catch(next);
		});
		router.post('/whatsapp-sync', (req, res, next) => {
			syncApprovedNow(req, res, context).catch(next);
		});
	},
});
