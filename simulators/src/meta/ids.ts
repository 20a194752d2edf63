const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Graph-looking ids: unique by a counter, varied by the injected random source. */
export class IdFactory {
	private counter = 0;
	private readonly random: () => number;

	constructor(random: () => number = Math.random) {
		this.random = random;
	}

	/** A numeric id such as Graph objects have (posts, photos, containers, media). */
	numeric(prefix = '1'): string {
		this.counter += 1;
		return prefix + String(this.counter).padStart(6, '0') + this.digits(8);
	}

	/** A WhatsApp message id: `wamid.` + base64, as the send response and webhooks carry it. */
	wamid(waId: string): string {
		this.counter += 1;
		const inner = `${waId}\u0015\u0002\u0000\u0011\u0018\u0012${this.counter}${this.alnum(18)}`;
		return 'wamid.HBgL' + Buffer.from(inner, 'latin1').toString('base64');
	}

	/** A Messenger/Instagram message id. */
	mid(): string {
		this.counter += 1;
		return `m_${this.counter}${this.alnum(30)}`;
	}

	fbtraceId(): string {
		return 'A' + this.alnum(22);
	}

	/** The hub.challenge of a verification handshake: numeric, since the Graph docs call it an int. */
	challenge(): string {
		return String(1 + Math.floor(this.random() * 9)) + this.digits(9);
	}

	private digits(n: number): string {
		let out = '';
		for (let i = 0; i < n; i += 1) out += String(Math.floor(this.random() * 10));
		return out;
	}

	private alnum(n: number): string {
		let out = '';
		for (let i = 0; i < n; i += 1) out += ALNUM[Math.floor(this.random() * ALNUM.length)];
		return out;
	}
}
