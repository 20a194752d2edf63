// {{business.*}}: Directus business_info.
import { defineProvider } from '../variables.ts';

export const businessProvider = defineProvider({
	namespace: 'business',
	description: 'The business (Directus → Business info).',
	variables: [
		{ name: 'name', type: 'text', description: 'Business name', sample: 'Northwind Fibre' },
		{
			name: 'address',
			type: 'text',
			description: 'Address',
			sample: '12 Harbour Street, Springfield',
		},
		{
			name: 'hours',
			type: 'hours',
			description: "Opening hours, in the customer's language",
			sample: {
				mon: [{ open: '09:00', close: '18:00' }],
				tue: [{ open: '09:00', close: '18:00' }],
				wed: [{ open: '09:00', close: '18:00' }],
				thu: [{ open: '09:00', close: '18:00' }],
				fri: [{ open: '09:00', close: '18:00' }],
				sat: [{ open: '10:00', close: '14:00' }],
			},
		},
	],
	resolve: ({ business }) => ({
		name: business?.name ?? null,
		address: business?.address?.trim() || null,
		hours: business && Object.keys(business.openingHours).length > 0 ? business.openingHours : null,
	}),
});
