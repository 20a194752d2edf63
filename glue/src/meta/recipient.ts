const PHONE_LIKE = /^\+?[\d\s().-]+$/;

/**
 * A recipient as "+<digits>". Meta prepends the *business* number's country code to a number
 * without "+", and webhooks' wa_id comes without one: "16505551234" from a Spanish number would go
 * to +34 16505551234. Anything that is not a phone number is left as given.
 */
export function recipientNumber(to: string): string {
	const trimmed = to.trim();
	if (!PHONE_LIKE.test(trimmed)) return trimmed;
	return `+${trimmed.replace(/\D/g, '')}`;
}
