// The zone a phone number's country suggests, only where the country has one zone: a suggestion we
// ask the customer to confirm, never an assumption. Countries spanning zones (+1, +7, +55, +61…)
// suggest nothing.
const SINGLE_ZONE_COUNTRIES: readonly [prefix: string, zone: string][] = [
	['30', 'Europe/Athens'],
	['31', 'Europe/Amsterdam'],
	['32', 'Europe/Brussels'],
	['33', 'Europe/Paris'],
	['34', 'Europe/Madrid'],
	['351', 'Europe/Lisbon'],
	['353', 'Europe/Dublin'],
	['358', 'Europe/Helsinki'],
	['36', 'Europe/Budapest'],
	['39', 'Europe/Rome'],
	['40', 'Europe/Bucharest'],
	['41', 'Europe/Zurich'],
	['43', 'Europe/Vienna'],
	['44', 'Europe/London'],
	['45', 'Europe/Copenhagen'],
	['46', 'Europe/Stockholm'],
	['47', 'Europe/Oslo'],
	['48', 'Europe/Warsaw'],
	['49', 'Europe/Berlin'],
	['54', 'America/Argentina/Buenos_Aires'],
	['56', 'America/Santiago'],
	['57', 'America/Bogota'],
	['51', 'America/Lima'],
	['81', 'Asia/Tokyo'],
	['82', 'Asia/Seoul'],
	['91', 'Asia/Kolkata'],
];

/** The IANA zone a phone number (E.164, "+34…") points to, or null when it does not tell. */
export function zoneFromPhone(phone: string | null | undefined): string | null {
	const digits = (phone ?? '').replace(/[^\d+]/g, '');
	if (!digits.startsWith('+')) return null;
	const national = digits.slice(1);
	// Longest prefix first, so +351 (Portugal) is not read as +35….
	const match = [...SINGLE_ZONE_COUNTRIES]
		.sort((a, b) => b[0].length - a[0].length)
		.find(([prefix]) => national.startsWith(prefix));
	return match?.[1] ?? null;
}

/** Whether a string is an IANA zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return zone.includes('/') || zone === 'UTC';
	} catch {
		return false;
	}
}

/** Two zones agree when they show the same wall clock now and half a year from now (DST). */
export function sameClock(a: string, b: string, now: Date): boolean {
	const later = new Date(now.getTime() + 182 * 86_400_000);
	const clock = (zone: string, at: Date) =>
		new Intl.DateTimeFormat('en-GB', {
			timeZone: zone,
			hour: '2-digit',
			minute: '2-digit',
			day: '2-digit',
		}).format(at);
	return clock(a, now) === clock(b, now) && clock(a, later) === clock(b, later);
}

/** "Madrid" for Europe/Madrid, "Buenos Aires" for America/Argentina/Buenos_Aires. */
export function zoneCity(zone: string): string {
	return (zone.split('/').at(-1) ?? zone).replace(/_/g, ' ');
}
