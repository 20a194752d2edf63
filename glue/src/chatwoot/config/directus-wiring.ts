// The other half of "one home per fact" (DESIGN.md §3): each department's Chatwoot wiring, generated
// from chatwoot/config and the ids Chatwoot gave, written into Directus `departments` with an admin
// token. Staff cannot edit these fields there; they tune the rest (hours, threshold, keywords).
import { createItem, readItems, updateItem } from '@directus/sdk';
import {
	connectDirectus,
	type DirectusApi,
	type DirectusConnection,
} from '../../content/directus-client.ts';
import { differingFields, type ConfigChange } from './changes.ts';

export interface DepartmentWiring {
	key: string;
	/** Only used when Directus has no such department yet: the name is the staff's to change. */
	name: string;
	whatsappNumbers: string[];
	phoneNumberIds: string[];
	/** Its WhatsApp numbers' inboxes (in their order), then its Messenger and Instagram inboxes. */
	chatwootInboxIds: number[];
	/** Null: no team, or (dry run) a team still to be created. */
	chatwootTeamId: number | null;
}

export interface WiringResult {
	changes: ConfigChange[];
	/** Departments in Directus that the config does not name; left as they are. */
	unknown: string[];
}

type DepartmentRecord = Record<string, unknown> & { key: string };
type WiringSchema = { departments: DepartmentRecord[] };

const WIRING_FIELDS = [
	'whatsapp_numbers',
	'phone_number_ids',
	'chatwoot_inbox_ids',
	'chatwoot_team_id',
] as const;

export async function applyDepartmentWiring(options: {
	directus: DirectusConnection;
	departments: readonly DepartmentWiring[];
	dryRun?: boolean;
	/** Department keys whose team a dry run would create: their team id counts as changing. */
	pendingTeams?: ReadonlySet<string>;
}): Promise<WiringResult> {
	const api: DirectusApi<WiringSchema> = connectDirectus<WiringSchema>(options.directus);
	const live = await api.request(
		readItems('departments', { fields: ['key', ...WIRING_FIELDS], limit: -1 }),
		'departments',
	);
	const byKey = new Map(live.map((record) => [String(record.key), record]));
	const changes: ConfigChange[] = [];
	for (const department of options.departments) {
		const wanted = {
			whatsapp_numbers: department.whatsappNumbers,
			phone_number_ids: department.phoneNumberIds,
			chatwoot_inbox_ids: department.chatwootInboxIds,
			chatwoot_team_id: department.chatwootTeamId,
		};
		const current = byKey.get(department.key);
		const name = department.key;
		if (!current) {
			changes.push({ action: 'create', kind: 'directus department', name, fields: [] });
			if (!options.dryRun) {
				await api.request(
					createItem('departments', { key: department.key, name: department.name, ...wanted }),
					'departments',
				);
			}
			continue;
		}
		const fields = differingFields(wanted, current);
		if (options.pendingTeams?.has(department.key) && !fields.includes('chatwoot_team_id')) {
			fields.push('chatwoot_team_id');
		}
		changes.push({
			action: fields.length ? 'update' : 'unchanged',
			kind: 'directus department',
			name,
			fields,
		});
		if (fields.length && !options.dryRun) {
			const patch = Object.fromEntries(
				fields.map((field) => [field, wanted[field as keyof typeof wanted]]),
			);
			await api.request(updateItem('departments', department.key, patch), 'departments');
		}
	}
	const named = new Set(options.departments.map((d) => d.key));
	return { changes, unknown: [...byKey.keys()].filter((key) => !named.has(key)) };
}
