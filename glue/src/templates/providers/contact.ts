// {{contact.*}}: the customer as Chatwoot knows them.
import { defineProvider } from '../variables.ts';

/**
 * The first word of a name, or null: an empty name, or one with no letters (Chatwoot names an
 * unknown WhatsApp contact by their number), has no first name. "Ana" → "Ana".
 */
export function firstName(name: string | null | undefined): string | null {
	const words = name?.trim().split(/\s+/u) ?? [];
	const first = words[0] ?? '';
	return /\p{L}/u.test(first) ? first : null;
}

/** The name when it has letters; a bare phone number is not a name. */
function fullName(name: string | null | undefined): string | null {
	const trimmed = name?.trim().replace(/\s+/gu, ' ') ?? '';
	return /\p{L}/u.test(trimmed) ? trimmed : null;
}

export const contactProvider = defineProvider({
	namespace: 'contact',
	description: 'The customer writing to us.',
	variables: [
		{ name: 'name', type: 'text', description: 'Full name, as in Chatwoot', sample: 'Ana García' },
		{
			name: 'first_name',
			type: 'text',
			description: 'First word of the name; no value when the name is empty or only a number',
			sample: 'Ana',
		},
		{ name: 'phone', type: 'phone', description: 'Phone number', sample: '+15550001234' },
		{ name: 'language', type: 'text', description: 'Language code, e.g. es', sample: 'es' },
	],
	resolve: ({ contact }) => ({
		name: fullName(contact?.name),
		first_name: firstName(contact?.name),
		phone: contact?.phone?.trim() || null,
		language: contact?.language?.trim() || null,
	}),
});
