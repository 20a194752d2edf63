// Signed WhatsApp status webhooks as Meta sends them (reference/meta.md §2.9): one status per POST
// (Meta batches when it can; one per POST is the costly case for an ack), each for its own wamid,
// serialised with non-ASCII escaped and signed over those bytes with the app secret. Most carry the
// broadcast sender's biz_opaque_callback_data, as the statuses of a running broadcast do.
import { createHmac } from 'node:crypto';
import type { PreparedRequest } from './http-load.ts';

export interface MetaStatusFactory {
	next(): PreparedRequest;
}

const STATUSES = ['sent', 'delivered', 'read'] as const;

/**
 * `firstId` keeps wamids apart between runs against one database (a repeated wamid is a
 * duplicate, which costs less and would flatter the figures).
 */
export function metaStatusDeliveries(
	appSecret: string,
	firstId: number,
	options: { phoneNumberId?: string; displayNumber?: string; broadcastShare?: number } = {},
): MetaStatusFactory {
	let built = 0;
	const share = options.broadcastShare ?? 0.9;
	return {
		next() {
			const n = firstId + built;
			built += 1;
			const status = STATUSES[n % 3]!;
			const broadcast = (n % 100) / 100 < share;
			const payload = {
				object: 'whatsapp_business_account',
				entry: [
					{
						id: '102290129340398',
						changes: [
							{
								value: {
									messaging_product: 'whatsapp',
									metadata: {
										display_phone_number: options.displayNumber ?? '15550000001',
										phone_number_id: options.phoneNumberId ?? '1555000000001',
									},
									statuses: [
										{
											id: `wamid.HBgLbench${String(n).padStart(12, '0')}`,
											status,
											timestamp: String(Math.floor(Date.now() / 1000)),
											recipient_id: `5215${String(n % 10_000_000).padStart(8, '0')}`,
											...(broadcast ? { biz_opaque_callback_data: `sbd:${n}` } : {}),
											...(status !== 'read'
												? {
														pricing: {
															billable: true,
															pricing_model: 'PMP',
															type: 'regular',
															category: 'marketing',
														},
													}
												: {}),
										},
									],
								},
								field: 'messages',
							},
						],
					},
				],
			};
			const body = Buffer.from(JSON.stringify(payload), 'utf8');
			const signature = createHmac('sha256', appSecret).update(body).digest('hex');
			return {
				headers: {
					'content-type': 'application/json',
					'x-hub-signature-256': `sha256=${signature}`,
				},
				body,
			};
		},
	};
}
