// {{department.*}}: the department the customer wrote to or waits for, with routing's rules for
// its hours (its own, else the business's) and its next opening.
import { effectiveHours, nextOpening } from '../../routing/opening-hours.ts';
import { defineProvider } from '../variables.ts';

const SAMPLE_OPENING = new Date('2026-12-07T14:00:00Z');

export const departmentProvider = defineProvider({
	namespace: 'department',
	description: 'The department the customer wrote to (Directus → Departments).',
	variables: [
		{ name: 'name', type: 'text', description: 'Department name', sample: 'Support' },
		{
			name: 'hours',
			type: 'hours',
			description: "Its opening hours (else the business's), in the customer's language",
			sample: {
				mon: [{ open: '09:00', close: '17:00' }],
				tue: [{ open: '09:00', close: '17:00' }],
				wed: [{ open: '09:00', close: '17:00' }],
				thu: [{ open: '09:00', close: '17:00' }],
				fri: [{ open: '09:00', close: '17:00' }],
			},
		},
		{
			name: 'next_opening',
			type: 'opening',
			description: 'When it next opens, e.g. "Monday at 09:00"',
			sample: SAMPLE_OPENING,
		},
		{
			name: 'next_opening_day',
			type: 'weekday',
			description: 'The weekday it next opens, e.g. "Monday"',
			sample: SAMPLE_OPENING,
		},
		{
			name: 'next_opening_time',
			type: 'time',
			description: 'The time it next opens, e.g. "9:00 AM"',
			sample: SAMPLE_OPENING,
		},
		{
			name: 'next_opening_date',
			type: 'datetime',
			description: 'When it next opens, as a date and time',
			sample: SAMPLE_OPENING,
		},
	],
	resolve: ({ department, business, now }) => {
		if (!department) return {};
		const hours = business ? effectiveHours(department, business) : department.openingHours;
		const opening = hours && business ? nextOpening(hours, business.timeZone, now) : null;
		return {
			name: department.name,
			hours: hours && Object.keys(hours).length > 0 ? hours : null,
			next_opening: opening?.at ?? null,
			next_opening_day: opening?.at ?? null,
			next_opening_time: opening?.at ?? null,
			next_opening_date: opening?.at ?? null,
		};
	},
});
