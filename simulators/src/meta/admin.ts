import type { Request, Response, Router } from 'express';
import { z } from 'zod/v4';
import {
	clockSchema,
	configRequestSchema,
	inboundSchema,
	manualStatusSchema,
	verifyWebhookSchema,
} from './admin-schemas.ts';
import { mergeConfig, type TemplateDefinition, templateSchema } from './config.ts';
import { InboundTargetError, receiveInbound } from './inbound.ts';
import { templateId, templateNode } from './message-templates.ts';
import type { MetaSimState } from './state.ts';
import { verifyCallback } from './webhook-handshake.ts';
import { waStatusErrors, waTemplateStatusUpdate } from './webhook-payloads.ts';
import { emitStatus } from './whatsapp-delivery.ts';

const badRequest = (res: Response, error: z.ZodError) => {
	res.status(400).json({ error: z.prettifyError(error) });
};

/** The simulator's own controls under /__sim/ (besides requests, reset and faults from the core). */
export function mountAdmin(router: Router, state: MetaSimState): void {
	router.get('/config', (_req, res) => {
		res.json(state.config);
	});

	// Setting the callback URL or verify token runs Meta's handshake first, as the App Dashboard does;
	// a receiver that does not echo hub.challenge is refused and the old config stays.
	router.post('/config', async (req: Request, res: Response) => {
		const request = configRequestSchema.safeParse(req.body ?? {});
		if (!request.success) return badRequest(res, request.error);
		const { skipVerification, ...patch } = request.data;
		const merged = mergeConfig(state.config, patch);
		if (!merged.success) return badRequest(res, merged.error);
		const next = merged.data;
		const changed =
			next.webhookUrl !== state.config.webhookUrl || next.verifyToken !== state.config.verifyToken;
		if (changed && next.webhookUrl !== null && !skipVerification) {
			const handshake = await handshakeWith(state, next.webhookUrl, next.verifyToken);
			if (!handshake.verified) {
				res.status(400).json({ error: 'the callback URL could not be verified', handshake });
				return;
			}
		}
		state.config = next;
		res.json(state.config);
	});

	router.post('/inbound', async (req: Request, res: Response) => {
		const parsed = inboundSchema.safeParse(req.body ?? {});
		if (!parsed.success) return badRequest(res, parsed.error);
		try {
			res.json(await receiveInbound(state, parsed.data));
		} catch (err) {
			if (!(err instanceof InboundTargetError)) throw err;
			res.status(404).json({ error: err.message });
		}
	});

	router.post('/verify-webhook', async (req: Request, res: Response) => {
		const parsed = verifyWebhookSchema.safeParse(req.body ?? {});
		if (!parsed.success) return badRequest(res, parsed.error);
		const url = parsed.data.url ?? state.config.webhookUrl;
		if (!url) {
			res.status(400).json({ error: 'no url given and no webhookUrl configured' });
			return;
		}
		res.json(await handshakeWith(state, url, parsed.data.verify_token ?? state.config.verifyToken));
	});

	// The WABA's message templates: what Meta approved (or not), as a sync or a send sees them.
	router.get('/templates', (_req, res) => {
		res.json(state.config.templates.map(templateNode));
	});

	// Adds a template, or changes the one with that name and language (e.g. its status or body).
	router.post('/templates', (req: Request, res: Response) => {
		const parsed = templateSchema.safeParse(req.body ?? {});
		if (!parsed.success) return badRequest(res, parsed.error);
		const template = parsed.data;
		const same = (t: TemplateDefinition) =>
			t.name === template.name && t.language === template.language;
		const before = state.config.templates.find(same);
		state.config = {
			...state.config,
			templates: [...state.config.templates.filter((t) => !same(t)), template],
		};
		// Meta tells the WABA's subscribers when a review ends (or a template is paused, disabled).
		if (before && before.status !== template.status) announceStatus(state, template);
		res.status(before ? 200 : 201).json(templateNode(template));
	});

	// Deletes a template in every language, or only in ?language=; as Meta's delete by name does.
	router.delete('/templates/:name', (req: Request, res: Response) => {
		const language = typeof req.query.language === 'string' ? req.query.language : null;
		const gone = (t: TemplateDefinition) =>
			t.name === req.params.name && (language === null || t.language === language);
		const deleted = state.config.templates.filter(gone).length;
		if (deleted === 0) {
			res.status(404).json({ error: `no template ${String(req.params.name)}` });
			return;
		}
		state.config = { ...state.config, templates: state.config.templates.filter((t) => !gone(t)) };
		res.json({ deleted });
	});

	router.get('/webhooks', (_req, res) => {
		res.json(state.webhooks.list());
	});

	// Waits until every queued or scheduled webhook has had its first attempt (retries aside).
	router.post('/webhooks/flush', async (_req, res) => {
		await state.webhooks.idle();
		res.json(state.webhooks.list());
	});

	router.get('/state', (_req, res) => {
		const { whatsapp, messenger, publishing } = state;
		res.json({
			now: state.clock.now(),
			whatsappMessages: [...whatsapp.messages.values()],
			whatsappRefused: Object.fromEntries(whatsapp.refused),
			messengerMessages: messenger.sent,
			posts: [...publishing.posts.values()],
			containers: [...publishing.containers.values()],
			media: [...publishing.media.values()],
		});
	});

	router.post('/clock', (req, res) => {
		const parsed = clockSchema.safeParse(req.body ?? {});
		if (!parsed.success) return badRequest(res, parsed.error);
		state.clock.advance(parsed.data.advanceMs);
		res.json({ now: state.clock.now() });
	});

	// A status webhook on demand, e.g. `read` long after delivery, or a late `failed`.
	router.post('/statuses', async (req: Request, res: Response) => {
		const parsed = manualStatusSchema.safeParse(req.body ?? {});
		if (!parsed.success) return badRequest(res, parsed.error);
		const message = state.whatsapp.messages.get(parsed.data.message_id);
		const number = message ? state.numberById(message.phoneNumberId) : undefined;
		if (!message || !number) {
			res.status(404).json({ error: `no sent message ${parsed.data.message_id}` });
			return;
		}
		const { status, error_code: code } = parsed.data;
		const errors =
			status !== 'failed'
				? undefined
				: [code === 131026 ? waStatusErrors.undeliverable() : waStatusErrors.reengagement()];
		res.json({ delivery: await emitStatus(state, number, message, status, errors) });
	});
}

/** Not awaited: the delivery (and its retries) runs on its own, as Meta's does. */
function announceStatus(state: MetaSimState, template: TemplateDefinition): void {
	const numbers = [...new Map(state.config.businessNumbers.map((n) => [n.wabaId, n])).values()];
	const time = Math.floor(state.clock.now() / 1000);
	for (const number of numbers) {
		const update = waTemplateStatusUpdate(number.wabaId, time, {
			id: templateId(template),
			name: template.name,
			language: template.language,
			status: template.status,
			reason: template.rejected_reason,
		});
		void state.webhooks.enqueue(update, state.whatsappWebhookUrl(number));
	}
}

function handshakeWith(state: MetaSimState, url: string, verifyToken: string) {
	return verifyCallback({
		url,
		verifyToken,
		challenge: state.ids.challenge(),
		timeoutMs: state.config.delivery.timeoutMs,
		fetch: state.fetch,
	});
}
