// 4.14's SafeFetch refuses webhook targets that resolve only to private, loopback or link-local
// addresses, unless SAFE_FETCH_ALLOW_PRIVATE_NETWORK=true (4.14.1+).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export async function assertPublicTarget(url: string): Promise<void> {
	const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
	const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
	if (!addresses.some((address) => !isPrivateAddress(address))) {
		throw new Error(`Hostname '${host}' has no public ip addresses`);
	}
}

export function isPrivateAddress(address: string): boolean {
	const mapped = address.toLowerCase().replace(/^::ffff:/, '');
	if (isIP(mapped) === 4) {
		const [a = 0, b = 0] = mapped.split('.').map(Number);
		return (
			a === 0 ||
			a === 10 ||
			a === 127 ||
			(a === 100 && b >= 64 && b <= 127) ||
			(a === 169 && b === 254) ||
			(a === 172 && b >= 16 && b <= 31) ||
			(a === 192 && b === 168)
		);
	}
	return mapped === '::1' || mapped === '::' || /^f[cd]/.test(mapped) || /^fe[89ab]/.test(mapped);
}
