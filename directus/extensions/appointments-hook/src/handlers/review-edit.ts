// Filter hook: the checks and bookkeeping of @switchboard/glue/appointments' reviewStaffEdit,
// its refusal as Directus's InvalidPayloadError (the Studio shows the reason under the form).
import { InvalidPayloadError } from '@directus/errors';
import type { EventContext, HookExtensionContext, PrimaryKey } from '@directus/types';
// The staff-edit entry, not @switchboard/glue/appointments: that one brings the Google Calendar
// client (googleapis, ~1.5 MB) into the bundle, and the check needs only the database.
import { reviewStaffEdit, StaffEditRefusedError } from '@switchboard/glue/appointments/staff-edit';

export async function reviewEdit(
	payload: Record<string, unknown>,
	keys: readonly PrimaryKey[],
	event: EventContext,
	context: HookExtensionContext,
): Promise<Record<string, unknown>> {
	try {
		// The checks read every appointment on the calendar, not only those the editor may see.
		return await reviewStaffEdit(event.database ?? context.database, keys.map(String), payload);
	} catch (error) {
		if (error instanceof StaffEditRefusedError) {
			throw new InvalidPayloadError({ reason: error.message });
		}
		throw error;
	}
}
