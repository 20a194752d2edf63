// One HTTP POST as Webhooks::Trigger sends it (§2.1, §2.2).
import type { EventName } from './events.ts';
import { signatureHeaders } from './signature.ts';
import { assertPublicTarget } from './ssrf.ts';

export interface DeliveryRequest {
	url: string;
	/** The exact JSON text; the signature covers these bytes. */
	body: string;
	secret: string | null;
	deliveryId: string | null;
	timeoutMs: number;
	/** 4.12+ signs when a secret exists; false simulates an older Chatwoot. */
	sign: boolean;
	allowPrivateNetwork: boolean;
	now: Date;
}

export type DeliveryKind = 'account_webhook' | 'agent_bot_webhook';

export interface DeliveryRecord {
	kind: DeliveryKind;
	targetId: number;
	url: string;
	event: EventName;
	deliveryId: string;
	attempt: number;
	status: number | null;
	error: string | null;
	outcome: 'delivered' | 'failed' | 'retrying' | 'dropped';
	at: string;
}

/** Production shows lost and duplicated account-webhook deliveries (§5); these recreate them. */
export interface WebhookChaos {
	dropProbability: number;
	duplicateProbability: number;
}

export type DeliveryOutcome =
	| { ok: true; status: number }
	| { ok: false; status: number | null; error: string };

export async function postWebhook(request: DeliveryRequest): Promise<DeliveryOutcome> {
	const headers: Record<string, string> = {
		'Content-Type': 'application/json',
		Accept: 'application/json',
		// Chatwoot sets no User-Agent, so Net::HTTP's default goes out.
		'User-Agent': 'Ruby',
	};
	if (request.deliveryId) headers['X-Chatwoot-Delivery'] = request.deliveryId;
	if (request.sign && request.secret) {
		Object.assign(headers, signatureHeaders(request.secret, request.body, request.now));
	}
	try {
		if (!request.allowPrivateNetwork) await assertPublicTarget(request.url);
		const response = await fetch(request.url, {
			method: 'POST',
			headers,
			body: request.body,
			redirect: 'follow',
			signal: AbortSignal.timeout(request.timeoutMs),
		});
		// Drain the body so the keep-alive socket is released.
		await response.arrayBuffer().catch(() => undefined);
		if (response.ok) return { ok: true, status: response.status };
		return {
			ok: false,
			status: response.status,
			error: `${response.status} ${response.statusText}`,
		};
	} catch (error) {
		return { ok: false, status: null, error: describe(error) };
	}
}

function describe(error: unknown): string {
	if (error instanceof Error) {
		if (error.name === 'TimeoutError') return 'Net::ReadTimeout';
		const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
		return `${error.message}${cause}`;
	}
	return String(error);
}
