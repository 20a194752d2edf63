// /switchboard-broadcasts: a broadcast's estimate before it is scheduled (handlers/estimate.ts)
// and "send a test to me" (handlers/test-send.ts), for whoever may read the broadcast.
import { defineEndpoint } from '@directus/extensions-sdk';
import { estimate } from './handlers/estimate.ts';
import { testSend } from './handlers/test-send.ts';

export default defineEndpoint({
	id: 'switchboard-broadcasts',
	handler: (router, context) => {
		router.get('/:id/estimate', (req, res, next) => {
			estimate(req, res, context).catch(next);
		});
		router.post('/:id/test', (req, res, next) => {
			testSend(req, res, context).catch(next);
		});
	},
});
