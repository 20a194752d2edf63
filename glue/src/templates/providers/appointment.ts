// {{appointment.*}}: the appointment a confirmation, reminder, move or cancellation is about.
// Times are written in the context's zone: the customer's when they read times in another one.
import { defineProvider } from '../variables.ts';

const sampleStart = new Date('2026-12-15T15:00:00Z');

export const appointmentProvider = defineProvider({
	namespace: 'appointment',
	description: 'The appointment the message is about (booked over chat).',
	variables: [
		{ name: 'service', type: 'text', description: 'Service booked', sample: 'Fibre installation' },
		{
			name: 'starts_at',
			type: 'datetime',
			description: 'Date and time it starts',
			sample: sampleStart,
		},
		{ name: 'date', type: 'date', description: 'Day', sample: sampleStart },
		{ name: 'weekday', type: 'weekday', description: 'Weekday', sample: sampleStart },
		{ name: 'time', type: 'time', description: 'Start time', sample: sampleStart },
		{
			name: 'ends_at',
			type: 'time',
			description: 'End time',
			sample: new Date('2026-12-15T16:00:00Z'),
		},
		{ name: 'duration_minutes', type: 'number', description: 'Length in minutes', sample: 60 },
		{ name: 'reference', type: 'text', description: 'Booking reference', sample: 'A1B2C3D4' },
	],
	resolve: ({ appointment }) => {
		if (!appointment) return {};
		return {
			service: appointment.service,
			starts_at: appointment.startsAt,
			date: appointment.startsAt,
			weekday: appointment.startsAt,
			time: appointment.startsAt,
			ends_at: appointment.endsAt,
			duration_minutes: Math.round(
				(appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000,
			),
			reference: appointment.reference,
		};
	},
});
