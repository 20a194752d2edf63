// What can be booked and how (Directus `services` and the `booking_settings` singleton), read with
// the automation's token and checked at the boundary.
import { z } from 'zod/v4';
import type { DirectusApi } from '../content/index.ts';
import type { BookingRules, BookingService } from './backend.ts';

const minutes = z.coerce.number().int().min(0);

const serviceRecordSchema = z.object({
	key: z.string().min(1),
	name: z.string().min(1),
	department: z.string().nullable().default(null),
	duration_minutes: z.coerce.number().int().min(1),
	buffer_before_minutes: minutes.default(0),
	buffer_after_minutes: minutes.default(0),
	calendar_id: z.string().min(1),
	active: z.boolean().default(true),
});

const settingsRecordSchema = z.object({
	lead_time_minutes: minutes.default(120),
	horizon_days: z.coerce.number().int().min(1).default(14),
	options_to_offer: z.coerce.number().int().min(1).max(10).default(3),
	hold_minutes: z.coerce.number().int().min(1).default(10),
	reminder_offsets_minutes: z.array(z.coerce.number().int().positive()).default([1440, 120]),
});

export interface BookingSettings extends BookingRules {
	leadTimeMinutes: number;
	horizonDays: number;
	holdMinutes: number;
}

export interface BookingCatalog {
	services: BookingService[];
	settings: BookingSettings;
}

export function toBookingService(record: unknown): BookingService {
	const parsed = serviceRecordSchema.parse(record);
	return {
		id: parsed.key,
		name: parsed.name,
		department: parsed.department,
		durationMinutes: parsed.duration_minutes,
		bufferBeforeMinutes: parsed.buffer_before_minutes,
		bufferAfterMinutes: parsed.buffer_after_minutes,
		calendarId: parsed.calendar_id,
		active: parsed.active,
	};
}

export function toBookingSettings(record: unknown): BookingSettings {
	const parsed = settingsRecordSchema.parse(record ?? {});
	return {
		leadTimeMinutes: parsed.lead_time_minutes,
		horizonDays: parsed.horizon_days,
		optionsToOffer: parsed.options_to_offer,
		holdMinutes: parsed.hold_minutes,
		reminderOffsetsMinutes: parsed.reminder_offsets_minutes,
	};
}

export async function readBookingCatalog(api: DirectusApi<object>): Promise<BookingCatalog> {
	const [services, settings] = await Promise.all([
		api.call<unknown[]>('GET', '/items/services', { params: { limit: -1 } }),
		api.call<unknown>('GET', '/items/booking_settings'),
	]);
	return { services: services.map(toBookingService), settings: toBookingSettings(settings) };
}
