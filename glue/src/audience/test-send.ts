// "Send a test to me": the broadcast's message, filled in for the person asking (their name and
// number), sent once through the department's number. Nothing is recorded as a delivery, so the
// real broadcast still reaches them if they are in its groups.
import type { WhatsAppResource } from '../meta/resource-whatsapp.ts';
import { e164 } from './audience.ts';
import { planBroadcast, type BroadcastContext, type BroadcastStoreDeps } from './directus-store.ts';

export interface TestSendInput {
	phone: string;
	name: string | null;
	/** BCP 47; null: the template's main language. */
	language: string | null;
}

export type TestSendResult =
	| { sent: true; to: string; messageId: string; template: string }
	| { sent: false; reason: string };

export async function sendBroadcastTest(
	deps: BroadcastStoreDeps & { whatsapp: Pick<WhatsAppResource, 'sendTemplate'> },
	context: BroadcastContext,
	input: TestSendInput,
): Promise<TestSendResult> {
	const phone = e164(input.phone);
	if (!phone)
		return { sent: false, reason: `"${input.phone}" is not a phone number in international form.` };
	const phoneNumberId = context.phoneNumberIds[0];
	if (!phoneNumberId)
		return { sent: false, reason: 'The department has no WhatsApp number to send from.' };
	const { plan, unrendered } = await planBroadcast(
		{ ...deps, lastCustomerMessages: undefined },
		{
			...context,
			audience: {
				members: [
					{
						recipientId: 'test',
						phone,
						name: input.name,
						language: input.language,
						chatwootContactId: null,
					},
				],
				excluded: 0,
			},
		},
	);
	const message = plan.recipients[0]?.message;
	if (!message || message.kind !== 'template') {
		return {
			sent: false,
			reason: unrendered[0]?.reason ?? 'No WhatsApp template version to send.',
		};
	}
	const sent = await deps.whatsapp.sendTemplate(phoneNumberId, {
		to: phone,
		name: message.name,
		language: message.language,
		components: message.components,
	});
	return { sent: true, to: phone, messageId: sent.messageId, template: message.name };
}
