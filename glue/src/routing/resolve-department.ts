import type { Department } from '../content/schemas.ts';
import { AmbiguousDepartmentError } from './ambiguous-department-error.ts';
import { DepartmentNotFoundError, type KnownReceiver } from './department-not-found-error.ts';
import { normalisePhoneNumber } from './phone-number.ts';
import type { ReceivingChannel } from './receiving-channel.ts';

/** The values a department receives on for one kind of lookup, normalised the same way. */
function receiversOf(department: Department, by: ReceivingChannel['by']): string[] {
	if (by === 'phone_number_id') return department.phoneNumberIds.map((id) => id.trim());
	if (by === 'whatsapp_number') return department.whatsappNumbers.map(normalisePhoneNumber);
	return department.chatwootInboxIds.map(String);
}

function lookupValue(receiving: ReceivingChannel): string {
	if (receiving.by === 'whatsapp_number') return normalisePhoneNumber(receiving.value);
	return String(receiving.value).trim();
}

/**
 * The department a message was received by. Throws DepartmentNotFoundError (naming what was looked
 * up and every known value) or AmbiguousDepartmentError when two departments claim the value.
 */
export function resolveDepartment(
	departments: readonly Department[],
	receiving: ReceivingChannel,
): Department {
	const value = lookupValue(receiving);
	const matches =
		value === '' ? [] : departments.filter((d) => receiversOf(d, receiving.by).includes(value));
	const [match, ...others] = matches;
	if (match && others.length === 0) return match;
	if (match) {
		throw new AmbiguousDepartmentError({
			by: receiving.by,
			value,
			departments: matches.map((d) => d.key),
		});
	}
	const known: KnownReceiver[] = departments.flatMap((d) =>
		receiversOf(d, receiving.by).map((v) => ({ value: v, department: d.key })),
	);
	throw new DepartmentNotFoundError({ by: receiving.by, value, known });
}
