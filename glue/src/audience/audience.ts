// Who a broadcast reaches: the recipients its groups list, plus the contacts a group takes from
// Chatwoot labels or a stage, once per phone number, minus whoever opted out. Pure: the store
// (directus-store.ts) reads the records and passes them in.

/** A person the broadcast may reach. */
export interface AudienceMember {
	/** Directus `recipients.id`, or `contact:<Chatwoot contact id>` for a label- or stage-defined member. */
	recipientId: string;
	/** E.164, e.g. "+34600111222". */
	phone: string;
	name: string | null;
	/** BCP 47; null: the business's language. */
	language: string | null;
	chatwootContactId: number | null;
}

export interface AudienceInput {
	/** Members of the groups' recipient lists (Directus `recipients`), in group order. */
	listed: readonly (AudienceMember & { optedOutAt: string | null })[];
	/** Contacts from the groups' Chatwoot labels and stages. */
	derived: readonly AudienceMember[];
	/** Phones (E.164) with `opted_out_at` set in `recipients`, whether listed or not. */
	optedOut: ReadonlySet<string>;
	/** Suppressed at the sender (STOP, 131050), by E.164 number. */
	isSuppressed: (phone: string) => boolean;
}

export interface Audience {
	members: AudienceMember[];
	/** Left out because they opted out or are suppressed. */
	excluded: number;
	/** Groups defined by labels or a stage whose contacts could not be looked up here (no resolver). */
	uncountedGroups?: number;
}

/** "+34 600-111 222" → "+34600111222"; null when it cannot be an E.164 number. */
export function e164(phone: string | null | undefined): string | null {
	const digits = (phone ?? '').replace(/\D/g, '');
	return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : null;
}

/** A listed recipient wins over the same number found through a label or stage (it has a language). */
export function resolveAudience(input: AudienceInput): Audience {
	const seen = new Set<string>();
	const members: AudienceMember[] = [];
	let excluded = 0;
	const candidates = [
		...input.listed.map((member) => ({ member, optedOut: member.optedOutAt !== null })),
		...input.derived.map((member) => ({ member, optedOut: false })),
	];
	for (const { member, optedOut } of candidates) {
		const phone = e164(member.phone);
		if (phone === null || seen.has(phone)) continue;
		seen.add(phone);
		if (optedOut || input.optedOut.has(phone) || input.isSuppressed(phone)) {
			excluded += 1;
			continue;
		}
		members.push({
			recipientId: member.recipientId,
			phone,
			name: member.name,
			language: member.language,
			chatwootContactId: member.chatwootContactId,
		});
	}
	return { members, excluded };
}
