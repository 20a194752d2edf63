import { DEFAULT_SUBSCRIPTIONS, isWebhookEvent } from './events.ts';
import { httpErrors } from './http-errors.ts';
import { secureToken } from './ids.ts';
import { restWebhook } from './present-rest.ts';
import { intParam, type Handler } from './route.ts';
import type { ChatwootState } from './state.ts';
import type { Account, JsonObject, Webhook } from './types.ts';

export const listWebhooksHandler: Handler = ({ account }, { state }) => ({
	body: {
		payload: {
			webhooks: state.webhooks
				.filter((w) => w.accountId === account.id)
				.map((w) => restWebhook(state, w)),
		},
	},
});

export const createWebhookHandler: Handler = ({ body, account }, { state }) => {
	const fields = webhookFields(state, account, body, undefined);
	const webhook = state.webhooks.insert({
		accountId: account.id,
		name: fields.name ?? null,
		url: fields.url ?? '',
		subscriptions: fields.subscriptions ?? [...DEFAULT_SUBSCRIPTIONS],
		inboxId: fields.inboxId ?? null,
		secret: secureToken(),
	});
	return { body: { payload: { webhook: restWebhook(state, webhook) } } };
};

export const updateWebhookHandler: Handler = ({ params, body, account }, { state }) => {
	const webhook = loadWebhook(state, account, params.webhook_id);
	const fields = webhookFields(state, account, body, webhook);
	for (const [key, value] of Object.entries(fields)) {
		if (value !== undefined) Object.assign(webhook, { [key]: value });
	}
	return { body: { payload: { webhook: restWebhook(state, webhook) } } };
};

export const deleteWebhookHandler: Handler = ({ params, account }, { state }) => {
	state.webhooks.delete(loadWebhook(state, account, params.webhook_id).id);
	return {};
};

/** Webhook model validations: an http(s) url unique per account, allowed events, non-empty. */
function webhookFields(
	state: ChatwootState,
	account: Account,
	body: JsonObject,
	existing: Webhook | undefined,
): Partial<Pick<Webhook, 'name' | 'url' | 'subscriptions' | 'inboxId'>> {
	const errors: { attribute: string; message: string }[] = [];
	const url = typeof body.url === 'string' ? body.url : undefined;
	if ((existing === undefined || url !== undefined) && !isHttpUrl(url)) {
		errors.push({ attribute: 'url', message: 'Url is invalid' });
	} else if (
		url !== undefined &&
		state.webhooks.find((w) => w.accountId === account.id && w.url === url && w !== existing)
	) {
		errors.push({ attribute: 'url', message: 'Url has already been taken' });
	}
	const subscriptions = Array.isArray(body.subscriptions)
		? body.subscriptions.map(String)
		: undefined;
	if (subscriptions && (subscriptions.length === 0 || !subscriptions.every(isWebhookEvent))) {
		errors.push({ attribute: 'subscriptions', message: 'Subscriptions Invalid events' });
	}
	if (errors.length > 0) throw httpErrors.invalidRecord(errors);
	const inboxId = typeof body.inbox_id === 'number' ? body.inbox_id : undefined;
	return {
		name: typeof body.name === 'string' ? body.name : undefined,
		url,
		subscriptions,
		inboxId,
	};
}

function isHttpUrl(url: string | undefined): boolean {
	if (url === undefined) return false;
	try {
		return ['http:', 'https:'].includes(new URL(url).protocol);
	} catch {
		return false;
	}
}

function loadWebhook(state: ChatwootState, account: Account, id: string | undefined): Webhook {
	const webhook = state.webhooks.get(intParam(id));
	if (!webhook || webhook.accountId !== account.id) throw httpErrors.notFound();
	return webhook;
}
