import { randomBytes, randomUUID } from 'node:crypto';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Rails `has_secure_token`: 24 base58 characters (access tokens, webhook and bot secrets). */
export function secureToken(length = 24): string {
	const bytes = randomBytes(length);
	let token = '';
	for (const byte of bytes) token += BASE58[byte % BASE58.length];
	return token;
}

export function uuid(): string {
	return randomUUID();
}

/** A WhatsApp message id, shaped like Meta's (`wamid.` + base64). */
export function wamid(): string {
	return `wamid.${randomBytes(30).toString('base64')}`;
}

/** A Messenger (`m_…`) or Instagram (`aWdf…`) message id, shaped like Meta's `mid`. */
export function metaMid(channel: 'facebook' | 'instagram'): string {
	const body = randomBytes(48).toString('base64url');
	return channel === 'facebook' ? `m_${body}` : `aWdf${body}`;
}
