// Which of our configured secrets signed a delivery tells us who sent it: the agent bot and the
// account webhook each have their own secret in Chatwoot.
import { verifyChatwootWebhook, type ChatwootSignatureFailure } from '../../chatwoot/signature.ts';
import type { WebhookSource } from './webhook.model.ts';

export interface WebhookSecrets {
	agentBot: readonly string[];
	account: readonly string[];
}

export type SignatureCheck =
	| { ok: true; source: WebhookSource }
	| { ok: false; reason: ChatwootSignatureFailure };

export interface SignatureCheckInput {
	secrets: WebhookSecrets;
	rawBody: Buffer;
	signature: string | undefined;
	timestamp: string | undefined;
	now: Date;
	toleranceSeconds: number;
}

/**
 * Every secret is tried (each comparison in constant time). A signature that matched but is old
 * is `stale`, whichever secret it matched; otherwise the reason is the same for all secrets.
 */
export function checkSignature(input: SignatureCheckInput): SignatureCheck {
	if (!input.signature || !input.timestamp) return { ok: false, reason: 'missing' };
	// The verifier refuses an empty body outright; Chatwoot never signs one.
	if (input.rawBody.length === 0) return { ok: false, reason: 'bad_signature' };
	const candidates = [
		...input.secrets.agentBot.map((secret) => ({ secret, source: 'agent_bot' as const })),
		...input.secrets.account.map((secret) => ({ secret, source: 'account' as const })),
	];
	let failure: ChatwootSignatureFailure = 'bad_signature';
	for (const { secret, source } of candidates) {
		const result = verifyChatwootWebhook({
			secret,
			rawBody: input.rawBody,
			signatureHeader: input.signature,
			timestampHeader: input.timestamp,
			now: input.now,
			toleranceSeconds: input.toleranceSeconds,
		});
		if (result.ok) return { ok: true, source };
		if (result.reason !== 'bad_signature') failure = result.reason;
	}
	return { ok: false, reason: failure };
}
