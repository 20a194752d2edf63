// The simulator's own endpoints under /__sim/: the customer's side of WhatsApp, seeding, and a look
// at the outbound webhook traffic.
import type { Router } from 'express';
import { z } from 'zod/v4';
import { renderAdminPage } from './admin-page.ts';
import { applySeed, SeedError } from './apply-seed.ts';
import type { SimDeps } from './deps.ts';
import { deliveryModeSchema, resolveDeliveryMode } from './delivery-mode.ts';
import type { WebhookDispatcher } from './dispatcher.ts';
import { receiveCustomerMessage } from './incoming.ts';
import type { SeedInput } from './seed.ts';
import { chatwootVersionSchema } from './version.ts';

const incomingSchema = z
	.object({
		inbox_id: z.number().int().positive().optional(),
		to_number: z.string().min(1).optional(),
		from: z
			.string()
			.regex(/^\+?[1-9]\d{1,14}$/, 'from must be a phone number, e.g. +5215512345678')
			.optional(),
		/** Messenger's PSID or Instagram's IGSID: those senders have no phone number. */
		sender_id: z
			.string()
			.regex(/^\d{5,30}$/, "sender_id must be Meta's numeric page-scoped id")
			.optional(),
		name: z.string().optional(),
		/** Instagram: the sender's handle. */
		username: z.string().min(1).optional(),
		content: z.string().nullable().optional(),
		source_id: z.string().min(1).optional(),
		attachments: z
			.array(
				z.object({
					file_type: z.enum(['image', 'audio', 'video', 'file', 'location', 'fallback', 'contact']),
					url: z.url(),
					file_name: z.string().optional(),
					content_type: z.string().optional(),
					file_size: z.number().int().nonnegative().optional(),
					width: z.number().int().positive().optional(),
					height: z.number().int().positive().optional(),
				}),
			)
			.optional(),
	})
	.refine((b) => b.inbox_id !== undefined || b.to_number !== undefined, {
		message: 'give inbox_id or to_number',
	})
	.refine((b) => (b.from === undefined) !== (b.sender_id === undefined), {
		message: 'give from (WhatsApp) or sender_id (Messenger, Instagram)',
	});

const chaosSchema = z.object({
	dropProbability: z.number().min(0).max(1).default(0),
	duplicateProbability: z.number().min(0).max(1).default(0),
});

export interface AdminOptions {
	deps: SimDeps;
	dispatcher: WebhookDispatcher;
	defaultSeed: () => SeedInput;
}

export function mountAdminRoutes(
	router: Router,
	{ deps, dispatcher, defaultSeed }: AdminOptions,
): void {
	router.get('/', (_req, res) => {
		res.type('html').send(renderAdminPage(deps));
	});

	router.post('/incoming', async (req, res) => {
		const parsed = incomingSchema.safeParse(req.body);
		if (!parsed.success) {
			res.status(400).json({ error: z.prettifyError(parsed.error) });
			return;
		}
		const input = parsed.data;
		const inbox =
			input.inbox_id !== undefined
				? deps.state.inboxes.get(input.inbox_id)
				: deps.state.inboxByPhone(`+${(input.to_number ?? '').replace(/\D/g, '')}`);
		if (!inbox) {
			res.status(404).json({ error: 'no inbox has that id or phone number' });
			return;
		}
		const social = inbox.channelType === 'facebook' || inbox.channelType === 'instagram';
		const from = social ? input.sender_id : input.from;
		if (from === undefined) {
			const wanted = social ? 'sender_id (its senders have no phone number)' : 'from';
			res.status(400).json({ error: `inbox ${inbox.id} takes ${wanted}` });
			return;
		}
		const received = receiveCustomerMessage(deps, {
			inbox,
			from,
			name: input.name,
			username: input.username,
			content: input.content,
			sourceId: input.source_id,
			attachments: input.attachments?.map((a) => ({
				fileType: a.file_type,
				url: a.url,
				fileName: a.file_name,
				contentType: a.content_type,
				fileSize: a.file_size,
				width: a.width,
				height: a.height,
			})),
		});
		// ?wait=true answers after the webhooks went out, which makes scripts simpler.
		if (req.query.wait === 'true') await dispatcher.idle();
		res.json({
			account_id: inbox.accountId,
			inbox_id: inbox.id,
			contact_id: received.contact.id,
			conversation_id: received.conversation.displayId,
			message_id: received.message.id,
			contact_created: received.contactCreated,
			conversation_created: received.conversationCreated,
			duplicate: received.duplicate,
		});
	});

	router.post('/seed', (req, res) => {
		const body: unknown = req.body;
		const empty =
			body === undefined ||
			(typeof body === 'object' && body !== null && Object.keys(body).length === 0);
		try {
			const seed = applySeed(deps.state, empty ? defaultSeed() : (body as SeedInput), deps.clock);
			dispatcher.reset();
			res.json({
				accounts: seed.accounts.length,
				users: seed.users.length,
				inboxes: seed.inboxes.length,
				teams: seed.teams.length,
				agentBots: seed.agentBots.length,
				webhooks: seed.webhooks.length,
			});
		} catch (error) {
			if (!(error instanceof SeedError)) throw error;
			res.status(400).json({ error: error.message });
		}
	});

	router.post('/flush', async (_req, res) => {
		await dispatcher.idle();
		res.json({ ok: true, deliveries: dispatcher.log.length });
	});

	router.get('/deliveries', (_req, res) => {
		res.json(dispatcher.log);
	});

	router.post('/webhook-chaos', (req, res) => {
		const parsed = chaosSchema.safeParse(req.body ?? {});
		if (!parsed.success) {
			res.status(400).json({ error: z.prettifyError(parsed.error) });
			return;
		}
		dispatcher.chaos = parsed.data;
		res.json(dispatcher.chaos);
	});

	// Like the faults: changed while running, back to the start options on POST /__sim/reset.
	router.get('/delivery', (_req, res) => {
		res.json(dispatcher.delivery);
	});

	router.post('/delivery', (req, res) => {
		const parsed = deliveryModeSchema.safeParse(req.body ?? {});
		if (!parsed.success) {
			res.status(400).json({ error: z.prettifyError(parsed.error) });
			return;
		}
		dispatcher.setDelivery(resolveDeliveryMode(parsed.data));
		res.json(dispatcher.delivery);
	});

	router.get('/chatwoot-version', (_req, res) => {
		res.json({ version: deps.chatwootVersion });
	});

	router.post('/chatwoot-version', (req, res) => {
		const parsed = z.object({ version: chatwootVersionSchema }).safeParse(req.body ?? {});
		if (!parsed.success) {
			res.status(400).json({ error: z.prettifyError(parsed.error) });
			return;
		}
		deps.chatwootVersion = parsed.data.version;
		res.json({ version: deps.chatwootVersion });
	});
}
