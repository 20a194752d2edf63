/**
 * A phone number as "+<digits>": spaces, dashes, dots and brackets dropped, and a missing "+" (or
 * an international "00" prefix) restored, since Meta's display numbers and wa_ids come without it.
 * Empty when there are no digits at all.
 */
export function normalisePhoneNumber(value: string): string {
	const trimmed = value.trim();
	let digits = trimmed.replace(/\D/g, '');
	// No country code starts with 0, so a leading 00 without "+" can only be the dialling prefix.
	if (!trimmed.startsWith('+') && digits.startsWith('00')) digits = digits.slice(2);
	return digits === '' ? '' : `+${digits}`;
}
