/** The simulator's "now": the real clock plus an offset tests move, so tokens expire on demand. */
export class SimClock {
	private offsetMs = 0;
	private readonly base: () => number;

	constructor(base: () => number = Date.now) {
		this.base = base;
	}

	now(): number {
		return this.base() + this.offsetMs;
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
