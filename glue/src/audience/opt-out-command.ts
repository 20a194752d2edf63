// What happens when a customer's message is an opt-out word, before triage: the contact is
// suppressed (the sender checks that at every send) and marked in Directus `recipients`, and the
// confirmation comes from the `opt_out_confirmation` / `opt_in_confirmation` template in their
// language. The caller sends the confirmation and skips triage.
import type { BusinessInfo } from '../content/schemas.ts';
import type { Template } from '../templates/model.ts';
import { pickTemplate } from '../templates/pick.ts';
import { renderMessage } from '../templates/render.ts';
import { e164 } from './audience.ts';
import {
	optOutCommand,
	optOutWordsFor,
	type OptOutCommand,
	type OptOutKeywords,
} from './opt-out.ts';
import type { BroadcastRecords } from './records.ts';

export const OPT_OUT_TEMPLATE_KEYS = {
	stop: 'opt_out_confirmation',
	start: 'opt_in_confirmation',
} as const;

export interface OptOutDeps {
	records: BroadcastRecords;
	/** H4's suppression: `suppress(pool, phone, 'opt_out')` and `resubscribe(pool, phone)`. */
	suppress(phone: string): Promise<void>;
	resubscribe(phone: string): Promise<void>;
	now?: () => Date;
}

export interface OptOutInput {
	text: string | null | undefined;
	phone: string | null | undefined;
	name?: string | null;
	chatwootContactId?: number | null;
	keywords: readonly OptOutKeywords[];
	/** Published templates with the two confirmation keys (any language). */
	templates: readonly Template[];
	business: BusinessInfo;
}

export type OptOutOutcome =
	| { handled: false }
	| {
			handled: true;
			command: OptOutCommand;
			phone: string;
			/** The confirmation in the customer's words; null when marketing has no such template. */
			confirmation: string | null;
	  };

/**
 * Not an opt-out word, or no phone (Messenger, Instagram: broadcasts go to WhatsApp numbers only):
 * `{ handled: false }` and nothing changes.
 */
export async function handleOptOut(deps: OptOutDeps, input: OptOutInput): Promise<OptOutOutcome> {
	const command = optOutCommand(input.text, input.keywords);
	const phone = e164(input.phone);
	if (!command || !phone) return { handled: false };
	const now = (deps.now?.() ?? new Date()).toISOString();
	if (command.kind === 'stop') await deps.suppress(phone);
	else await deps.resubscribe(phone);
	const [existing] = await deps.records.read('recipients', {
		fields: ['id'],
		filter: { phone: { _eq: phone } },
		limit: 1,
	});
	const change =
		command.kind === 'stop'
			? { opted_out_at: now, opt_out_source: 'keyword' }
			: { opted_out_at: null, opt_out_source: null };
	if (existing) await deps.records.update('recipients', String(existing.id), change);
	else if (command.kind === 'stop') {
		// Recorded even for someone never listed, so a later import cannot add them back unseen.
		await deps.records.create('recipients', {
			phone,
			name: input.name ?? null,
			language: command.language,
			chatwoot_contact_id: input.chatwootContactId ?? null,
			...change,
		});
	}
	const template = pickTemplate(
		input.templates,
		OPT_OUT_TEMPLATE_KEYS[command.kind],
		command.language,
	);
	const words = optOutWordsFor(command.language, input.keywords);
	const confirmation = template
		? renderMessage(template, {
				locale: command.language,
				timeZone: input.business.timeZone,
				now: new Date(now),
				contact: { name: input.name ?? null, phone, language: command.language },
				business: input.business,
				broadcast: { optOutWord: words.stop, optInWord: words.start },
			}).text
		: null;
	return { handled: true, command, phone, confirmation };
}
