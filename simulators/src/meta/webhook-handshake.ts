export interface HandshakeResult {
	verified: boolean;
	url: string;
	status: number | null;
	body: string;
	error?: string;
}

export interface HandshakeRequest {
	url: string;
	verifyToken: string;
	challenge: string;
	timeoutMs: number;
	fetch: typeof fetch;
}

/**
 * Meta's side of the verification handshake: GET the callback with hub.mode, hub.challenge and
 * hub.verify_token, and count it verified only on a 200 whose body is the challenge, byte for byte.
 */
export async function verifyCallback(request: HandshakeRequest): Promise<HandshakeResult> {
	const target = new URL(request.url);
	// The order Meta uses in its own example request.
	target.searchParams.set('hub.mode', 'subscribe');
	target.searchParams.set('hub.challenge', request.challenge);
	target.searchParams.set('hub.verify_token', request.verifyToken);
	const url = target.toString();
	try {
		const res = await request.fetch(url, {
			headers: { 'user-agent': 'facebookplatform/1.0 (+http://developers.facebook.com)' },
			redirect: 'manual',
			signal: AbortSignal.timeout(request.timeoutMs),
		});
		const body = await res.text();
		return {
			verified: res.status === 200 && body === request.challenge,
			url,
			status: res.status,
			body,
		};
	} catch (err) {
		return { verified: false, url, status: null, body: '', error: describe(err) };
	}
}

export function describe(err: unknown): string {
	if (err instanceof Error) {
		const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
		return `${err.message}${cause}`;
	}
	return String(err);
}
