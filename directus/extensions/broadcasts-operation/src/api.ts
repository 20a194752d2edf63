// The step behind the broadcast buttons: runs as whoever clicked (the flow hands the step their
// accountability), so they test or estimate only broadcasts they may read. A refusal throws, and the
// Studio shows its reason; the result's `text` is what the flow's notification step says.
import { InvalidPayloadError } from '@directus/errors';
import { defineOperationApi } from '@directus/extensions-sdk';
import { z } from 'zod/v4';
import { estimateAs } from '../../broadcasts-endpoint/src/handlers/estimate.ts';
import { sendTestAs } from '../../broadcasts-endpoint/src/handlers/test-send.ts';

const optionsSchema = z.object({ action: z.enum(['test', 'estimate']) });

/** What a manual trigger passes on: POST /flows/trigger/<id> { collection, keys, …dialog fields }. */
const triggerSchema = z.object({
	body: z.object({
		collection: z.literal('broadcasts'),
		keys: z.array(z.union([z.string(), z.number()]).transform(String)).length(1, {
			message: 'run it on one broadcast at a time (open the broadcast, then use the button)',
		}),
		phone: z.string().optional(),
		language: z.string().optional(),
	}),
});

export default defineOperationApi<Record<string, unknown>>({
	id: 'switchboard-broadcast',
	handler: async (rawOptions, context) => {
		const options = optionsSchema.safeParse(rawOptions);
		if (!options.success) {
			throw new InvalidPayloadError({
				reason: 'the step\'s "action" must be "test" or "estimate"',
			});
		}
		const trigger = triggerSchema.safeParse(context.data['$trigger']);
		if (!trigger.success) {
			throw new InvalidPayloadError({
				reason: trigger.error.issues
					.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
					.join('; '),
			});
		}
		const { keys, phone, language } = trigger.data.body;
		const [id] = keys as [string];
		if (options.data.action === 'estimate') return estimateAs(context.accountability, id, context);
		if (!phone?.trim()) {
			throw new InvalidPayloadError({
				reason: 'type the phone number to send the test to, e.g. +34600111222',
			});
		}
		const sent = await sendTestAs(
			context.accountability,
			id,
			{ phone, ...(language ? { language } : {}) },
			context,
		);
		return { ...sent, text: `Test of "${sent.template}" sent to ${sent.to}.` };
	},
});
