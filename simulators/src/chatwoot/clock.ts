// Chatwoot mixes time formats in one payload (§2.4): ISO strings with milliseconds, integer Unix
// seconds, and a float with microseconds for conversation updated_at. These helpers keep them apart.

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function isoTime(ms: number): string {
	return new Date(ms).toISOString();
}

export function unixSeconds(ms: number | null): number {
	return ms === null ? 0 : Math.floor(ms / 1000);
}

export function isoOrNull(ms: number | null): string | null {
	return ms === null ? null : isoTime(ms);
}

let lastMicros = 0;

/** Strictly increasing microseconds, so two saves in one millisecond still differ. */
export function microsAt(date: Date): number {
	const micros = Math.max(date.getTime() * 1000 + Math.floor(Math.random() * 1000), lastMicros + 1);
	lastMicros = micros;
	return micros;
}

/**
 * Float seconds with microseconds. A whole number would serialise as an integer and break receivers
 * that check the type, and Rails practically never lands on .000000, so nudge by one microsecond.
 */
export function floatSeconds(micros: number): number {
	const rounded = micros % 1_000_000 === 0 ? micros + 1 : micros;
	return rounded / 1_000_000;
}
