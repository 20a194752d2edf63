// {{promotion.*}}: the promotion a message is about (a broadcast, a reminder of an offer).
import { parseContentDate } from '../../common/zoned-time.ts';
import { defineProvider } from '../variables.ts';

const instant = (value: string, timeZone: string, edge: 'start' | 'end') => {
	const ms = parseContentDate(value, timeZone, edge);
	return ms === null ? null : new Date(ms);
};

export const promotionProvider = defineProvider({
	namespace: 'promotion',
	description: 'The promotion the message is about (Directus → Promotions).',
	variables: [
		{
			name: 'title',
			type: 'text',
			description: 'Title',
			sample: 'Fibre 1000 for the price of 500',
		},
		{
			name: 'price',
			type: 'money',
			description: "Price, in the customer's format",
			sample: { amount: '29.99', currency: 'USD' },
		},
		{
			name: 'starts_at',
			type: 'date',
			description: 'First day',
			sample: new Date('2026-12-01T12:00:00Z'),
		},
		{
			name: 'ends_at',
			type: 'date',
			description: 'Last day',
			sample: new Date('2026-12-31T12:00:00Z'),
		},
		{
			name: 'link',
			type: 'url',
			description: 'Link',
			sample: 'https://northwindfibre.example/offers/fibre-1000',
		},
	],
	resolve: ({ promotion, timeZone }) => {
		if (!promotion) return {};
		return {
			title: promotion.title,
			price: promotion.price ?? null,
			starts_at: instant(promotion.startsAt, timeZone, 'start'),
			ends_at: instant(promotion.endsAt, timeZone, 'end'),
			link: promotion.link,
		};
	},
});
