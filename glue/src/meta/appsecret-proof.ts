import { hmacSha256Hex } from '../common/hmac.ts';

/**
 * Graph's appsecret_proof: HMAC-SHA256 of the access token keyed with the app secret, hex. With
 * "Require App Secret" on, a leaked token is useless without the secret that signs each call.
 */
export function appsecretProof(appSecret: string, accessToken: string): string {
	if (!appSecret || !accessToken) {
		throw new TypeError('[switchboard/meta] appsecretProof: the app secret and token are required');
	}
	return hmacSha256Hex(appSecret, accessToken);
}
