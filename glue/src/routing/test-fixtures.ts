// Factories shared by the routing tests: defaults plus overrides.
import type { BusinessInfo, Department, OpeningHours } from '../content/schemas.ts';
import type { TriageVerdict } from './triage-verdict.ts';

const nineToSix = [{ open: '09:00', close: '18:00' }];

/** Mon–Fri 09:00–18:00, Sat 10:00–14:00, Sunday closed. */
export const OFFICE_HOURS: OpeningHours = {
	mon: nineToSix,
	tue: nineToSix,
	wed: nineToSix,
	thu: nineToSix,
	fri: nineToSix,
	sat: [{ open: '10:00', close: '14:00' }],
};

const allDay = [{ open: '00:00', close: '23:59' }];
export const ROUND_THE_CLOCK: OpeningHours = {
	mon: allDay,
	tue: allDay,
	wed: allDay,
	thu: allDay,
	fri: allDay,
	sat: allDay,
	sun: allDay,
};

export function department(overrides: Partial<Department> = {}): Department {
	return {
		key: 'sales',
		name: 'Sales',
		whatsappNumbers: ['+15550000001'],
		phoneNumberIds: ['1001'],
		chatwootInboxIds: [1],
		chatwootTeamId: 11,
		confidenceThreshold: 0.75,
		openingHours: null,
		escalationTeamId: 99,
		fallbackKeywords: [],
		...overrides,
	};
}

export const SALES = department();
export const SUPPORT = department({
	key: 'support',
	name: 'Support',
	whatsappNumbers: ['+15550000002', '+34910000002'],
	phoneNumberIds: ['1002'],
	chatwootInboxIds: [2, 5],
	chatwootTeamId: 12,
	confidenceThreshold: 0.6,
	openingHours: ROUND_THE_CLOCK,
	escalationTeamId: null,
});
export const BILLING = department({
	key: 'billing',
	name: 'Billing',
	whatsappNumbers: ['+15550000003'],
	phoneNumberIds: ['1003'],
	chatwootInboxIds: [3],
	chatwootTeamId: 13,
	confidenceThreshold: 0.8,
	escalationTeamId: null,
});
export const DEPARTMENTS = [SALES, SUPPORT, BILLING];

export function business(overrides: Partial<BusinessInfo> = {}): BusinessInfo {
	return {
		name: 'Acme Fibre',
		timeZone: 'Europe/Madrid',
		openingHours: OFFICE_HOURS,
		address: null,
		contacts: null,
		toneOfVoice: null,
		defaultPostingSlots: [],
		...overrides,
	};
}

export function triage(overrides: Partial<TriageVerdict> = {}): TriageVerdict {
	return {
		department: 'sales',
		confidence: 0.9,
		needs_human: false,
		urgency: 'medium',
		reply: 'Our fibre plans start at 29.99 EUR a month.',
		handoff_reason: null,
		language: 'en',
		...overrides,
	};
}
