// X-Switchboard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>. The time
// is signed with the body so a captured request cannot be replayed later with a fresh header.
import { hmacSha256Hex } from '../../../../../glue/src/common/hmac.ts';

export const SIGNATURE_HEADER = 'X-Switchboard-Signature';
export const SECRET_HEADER = 'X-Switchboard-Secret';

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
	if (!secret) throw new Error('promotions hook: cannot sign without a secret');
	return `t=${unixSeconds},v1=${hmacSha256Hex(secret, `${unixSeconds}.${body}`)}`;
}
