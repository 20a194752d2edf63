// Webhooks::WhatsappController and WhatsappEventsJob (§4): Meta's verify handshake, the
// X-Hub-Signature-256 check (4.14+), and routing a payload to an inbox by number and phone_number_id.
import type { Express, Request, Response } from 'express';
import { hmacHex, sameDigest } from '../common/hmac.ts';
import { rawBodyOf } from '../common/sim-app.ts';
import type { SimDeps } from './deps.ts';
import { receiveCustomerMessage } from './incoming.ts';
import { updateMessageStatus } from './messages.ts';
import type { Inbox, MessageStatus } from './types.ts';
import {
	mapMetaMessage,
	metaPayloadSchema,
	SKIPPED_TYPES,
	type MetaPayload,
} from './whatsapp-payload.ts';

export interface WhatsappOptions {
	/** provider_config.webhook_verify_token, shared by every simulated inbox. */
	verifyToken: string;
	/** WHATSAPP_APP_SECRET; when set, X-Hub-Signature-256 is required. */
	appSecret: string | null;
	/** FRONTEND_URL, for attachment URLs. */
	frontendUrl: string;
}

const PATH = '/webhooks/whatsapp/:phone_number';
const STATUSES = new Set<MessageStatus>(['sent', 'delivered', 'read', 'failed']);

export function mountWhatsappRoutes(app: Express, deps: SimDeps, options: WhatsappOptions): void {
	app.get(PATH, (req: Request, res: Response) => {
		const inbox = deps.state.inboxByPhone(String(req.params.phone_number));
		if (!inbox || req.query['hub.verify_token'] !== options.verifyToken) {
			res.status(401).json({ error: 'Error; wrong verify token' });
			return;
		}
		res.type('text').send(String(req.query['hub.challenge'] ?? ''));
	});

	app.post(PATH, (req: Request, res: Response) => {
		if (options.appSecret !== null && !validSignature(req, options.appSecret)) {
			res.status(401).end();
			return;
		}
		// Meta gets its 200 before anything is looked at; unknown numbers are dropped afterwards.
		res.status(200).end();
		const body: unknown = req.body;
		const urlPhone = String(req.params.phone_number);
		deps.work.soon(() => processPayload(deps, options, body, urlPhone));
	});
}

function validSignature(req: Request, appSecret: string): boolean {
	const header = req.get('x-hub-signature-256') ?? '';
	const received = header.startsWith('sha256=') ? header.slice('sha256='.length) : '';
	return sameDigest(hmacHex('sha256', appSecret, rawBodyOf(req)), received);
}

function processPayload(
	deps: SimDeps,
	options: WhatsappOptions,
	body: unknown,
	urlPhone: string,
): void {
	const parsed = metaPayloadSchema.safeParse(body);
	if (!parsed.success) return;
	const value = parsed.data.entry[0]?.changes[0]?.value;
	const inbox = resolveInbox(deps, parsed.data, urlPhone);
	if (!value || !inbox) {
		console.warn(`chatwoot simulator: Inactive WhatsApp channel: unknown - ${urlPhone}`);
		return;
	}
	const status = value.statuses?.[0];
	if (status && STATUSES.has(status.status as MessageStatus)) {
		const message = deps.state.messages.find(
			(m) => m.inboxId === inbox.id && m.sourceId === status.id,
		);
		if (message) updateMessageStatus(deps, message, status.status as MessageStatus);
	}
	// Only the first message of a payload is processed.
	const message = value.messages?.[0];
	if (!message || SKIPPED_TYPES.has(message.type)) return;
	const contact =
		value.contacts?.find(
			(c) =>
				(c.wa_id !== undefined && c.wa_id === message.from) ||
				(c.user_id !== undefined && c.user_id === message.from_user_id),
		) ?? value.contacts?.[0];
	const from = contact?.wa_id ?? message.from ?? '';
	const userId = message.from_user_id ?? contact?.user_id;
	// Whatsapp::IncomingMessageService finds the contact by wa_id, else by the BSUID.
	if (!from && !userId) return;
	const mapped = mapMetaMessage(message, options.frontendUrl);
	receiveCustomerMessage(deps, {
		inbox,
		from,
		userId,
		name: contact?.profile?.name,
		content: mapped.content,
		attachments: mapped.attachments,
		contentAttributes: mapped.contentAttributes,
		sourceId: message.id,
	});
}

/**
 * Cloud API payloads route by "+" + display_phone_number AND phone_number_id, ignoring the URL;
 * payloads without `object` (360dialog) route by the URL's number.
 */
function resolveInbox(deps: SimDeps, payload: MetaPayload, urlPhone: string): Inbox | undefined {
	if (payload.object !== 'whatsapp_business_account') return deps.state.inboxByPhone(urlPhone);
	const metadata = payload.entry[0]?.changes[0]?.value.metadata;
	if (!metadata) return undefined;
	const inbox = deps.state.inboxByPhone(`+${metadata.display_phone_number}`);
	return inbox?.phoneNumberId === metadata.phone_number_id ? inbox : undefined;
}
