/**
 * A simulator's notion of "now": an injectable base clock plus an offset that tests and the admin
 * API can move, so 24-hour windows, rate windows and token expiry never need real waiting.
 */
export class SimClock {
	private offsetMs = 0;
	private readonly base: () => number;

	constructor(base: () => number = Date.now) {
		this.base = base;
	}

	now(): number {
		return this.base() + this.offsetMs;
	}

	/** Unix seconds, as WhatsApp webhooks carry them (strings). */
	unixSeconds(): string {
		return String(Math.floor(this.now() / 1000));
	}

	advance(ms: number): void {
		this.offsetMs += ms;
	}

	set(ms: number): void {
		this.offsetMs = ms - this.base();
	}

	reset(): void {
		this.offsetMs = 0;
	}
}
