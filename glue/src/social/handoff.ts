// TikTok has no automatic posting for us: posts from unaudited apps are private-only
// (reference/meta.md §5.3). So its slot goes to marketing as an e-mail with the caption and the
// media link, sent by n8n's own Send Email node; this module writes that e-mail and, once n8n
// reports how the sending went, completes the slot's claim and logs it.
import { z } from 'zod/v4';
import { credentialMailAddresses } from '../common/mail-addresses.ts';
import type { Promotion } from '../content/schemas.ts';
import { SocialInputError } from './social-input-error.ts';

export interface HandoffEmail {
	/** Marketing's address (SWITCHBOARD_MARKETING_EMAIL). */
	to: string;
	/** The stack's sender (MAILER_SENDER_EMAIL), e.g. `Switchboard <switchboard@example.com>`. */
	from: string;
	subject: string;
	text: string;
}

export type HandoffAddresses = Pick<HandoffEmail, 'to' | 'from'>;

/** The e-mail's addresses from the credential's fields, else what is missing, for the log. */
export function handoffAddresses(fields: {
	marketingEmail?: string | undefined;
	mailFrom?: string | undefined;
}): HandoffAddresses | { missing: string } {
	const addresses = credentialMailAddresses(
		{ to: fields.marketingEmail, mailFrom: fields.mailFrom },
		'Marketing Email (SWITCHBOARD_MARKETING_EMAIL)',
	);
	return 'missing' in addresses
		? { missing: `In n8n, ${addresses.missing}. Nothing was e-mailed.` }
		: addresses;
}

/** "Monday 23 November 2026, 09:00 (America/New_York)", the same whatever the ICU version. */
export function describeSlot(slot: Date, timeZone: string): string {
	const parts: Record<string, string> = {};
	const format = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	});
	for (const part of format.formatToParts(slot)) parts[part.type] = part.value;
	const { weekday, day, month, year, hour, minute } = parts;
	return `${weekday} ${day} ${month} ${year}, ${hour}:${minute} (${timeZone})`;
}

/** The e-mail marketing gets for a TikTok slot. Plain text: it is copied from, not looked at. */
export function tiktokHandoffEmail(input: {
	addresses: HandoffAddresses;
	promotion: Promotion;
	slot: Date;
	timeZone: string;
	caption: string;
	businessName?: string;
}): HandoffEmail {
	const { promotion } = input;
	const media = promotion.imageUrl ?? 'none: the promotion has no image, add a picture or a video';
	const lines = [
		`Please post this promotion on TikTok${input.businessName ? ` for ${input.businessName}` : ''}.`,
		'TikTok does not let our app post publicly, so this slot comes to you by e-mail.',
		'',
		`Promotion: ${promotion.title}`,
		`Slot: ${describeSlot(input.slot, input.timeZone)}`,
		`Media: ${media}`,
		`Link: ${promotion.link ?? 'none'}`,
		'',
		'Caption (copy it as it is):',
		'',
		input.caption,
		'',
		'--',
		'Sent by the Switchboard auto-poster (n8n workflow "02 Social media auto-poster").',
		'This e-mail is logged in Directus under Social post logs.',
	];
	return {
		...input.addresses,
		subject: `TikTok post to publish: ${promotion.title}`,
		text: lines.join('\n'),
	};
}

/**
 * What n8n's Send Email node returned: nodemailer's info on success (`messageId`, `accepted`,
 * `rejected`), or `{error}` when the node continued after a failure.
 */
export const emailResultSchema = z.looseObject({
	messageId: z.string().optional(),
	accepted: z.array(z.unknown()).optional(),
	rejected: z.array(z.unknown()).optional(),
	response: z.string().optional(),
	error: z.unknown().optional(),
});

export type EmailOutcome = { ok: true; messageId: string } | { ok: false; message: string };

/** Whether the e-mail went out: an error, or every recipient refused, is a failure. */
export function emailOutcomeOf(result: unknown): EmailOutcome {
	const parsed = emailResultSchema.safeParse(result ?? {});
	if (!parsed.success) {
		throw new SocialInputError('e-mail result', [
			{ field: '(input)', message: 'is not what the Send Email node returns' },
		]);
	}
	const { error, accepted, rejected, messageId, response } = parsed.data;
	if (error !== undefined && error !== null && error !== '') {
		const message =
			typeof error === 'string'
				? error
				: typeof error === 'object' && 'message' in error
					? String(error.message)
					: JSON.stringify(error);
		return { ok: false, message: `The e-mail to marketing failed: ${message}` };
	}
	if ((accepted?.length ?? 0) === 0 && (rejected?.length ?? 0) > 0) {
		return {
			ok: false,
			message: `The mail server refused every recipient${response ? ` (${response})` : ''}.`,
		};
	}
	return { ok: true, messageId: messageId ?? 'emailed' };
}
