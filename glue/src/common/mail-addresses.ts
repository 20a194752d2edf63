// The addresses workflows 02 and 04 mail with, read from n8n's Switchboard log credential, which
// first-start's n8n step and npm start fill from .env, so no workflow JSON holds an address.

export interface MailAddresses {
	to: string;
	from: string;
}

/**
 * Both addresses trimmed, or one sentence naming each empty credential field and its .env variable
 * (the recipient's `toField`, e.g. "Operations Email (SWITCHBOARD_OPERATIONS_EMAIL)").
 */
export function credentialMailAddresses(
	fields: { to?: string | undefined; mailFrom?: string | undefined },
	toField: string,
): MailAddresses | { missing: string } {
	const to = fields.to?.trim() ?? '';
	const from = fields.mailFrom?.trim() ?? '';
	if (to && from) return { to, from };
	const missing = [
		...(to ? [] : [toField]),
		...(from ? [] : ['Mail Sender (MAILER_SENDER_EMAIL)']),
	];
	return {
		missing: `the Switchboard log credential has no ${missing.join(' and no ')}: set it in .env and re-run first-start's n8n step (or fill the credential in n8n)`,
	};
}
