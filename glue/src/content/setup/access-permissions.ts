// A policy's permissions mirrored from access.json: created, updated, and the extras removed.
import type { DirectusApi } from '../directus-client.ts';
import type { Permission } from './access-file.ts';
import { sameJson, type SetupResult } from './changes.ts';

interface Row extends Record<string, unknown> {
	id: string;
}

const permissionTarget = (policy: string, permission: Record<string, unknown>) =>
	`permission ${policy}: ${String(permission.action)} ${String(permission.collection)}`;

export function permissionChange(
	action: 'create' | 'update',
	policy: string,
	permission: Permission,
) {
	return { action, target: permissionTarget(policy, permission) };
}

/** null and {} mean the same to Directus: no rule. */
const rule = (value: unknown) =>
	value && typeof value === 'object' && Object.keys(value).length ? value : null;

function samePermission(wanted: Permission, live: Record<string, unknown>): string[] {
	const liveFields = Array.isArray(live.fields) ? [...(live.fields as string[])].sort() : [];
	const differs: string[] = [];
	if (!sameJson([...wanted.fields].sort(), liveFields)) differs.push('fields');
	for (const key of ['permissions', 'validation', 'presets'] as const) {
		if (!sameJson(rule(wanted[key]), rule(live[key]))) differs.push(key);
	}
	return differs;
}

export async function mirrorPermissions(
	api: DirectusApi<object>,
	policyId: string,
	policyName: string,
	wanted: Permission[],
	result: SetupResult,
	dryRun: boolean,
): Promise<void> {
	const live = await api.call<Row[]>('GET', '/permissions', {
		params: { filter: { policy: { _eq: policyId } }, limit: -1 },
	});
	const key = (p: Record<string, unknown>) => `${String(p.collection)} ${String(p.action)}`;
	const byKey = Map.groupBy(live, key);
	const toCreate: Record<string, unknown>[] = [];
	const toDelete: Row[] = [];
	for (const permission of wanted) {
		const [current, ...duplicates] = byKey.get(key(permission)) ?? [];
		byKey.delete(key(permission));
		toDelete.push(...duplicates);
		const body = { ...permission, policy: policyId };
		if (!current) {
			result.changes.push(permissionChange('create', policyName, permission));
			toCreate.push(body);
			continue;
		}
		const differs = samePermission(permission, current);
		if (!differs.length) continue;
		result.changes.push({
			...permissionChange('update', policyName, permission),
			detail: differs.join(', '),
		});
		if (!dryRun) await api.call('PATCH', `/permissions/${current.id}`, { body });
	}
	toDelete.push(...[...byKey.values()].flat());
	for (const row of toDelete) {
		result.changes.push({
			action: 'delete',
			target: permissionTarget(policyName, row),
			detail: 'not in access.json',
		});
	}
	if (dryRun) return;
	if (toCreate.length) await api.call('POST', '/permissions', { body: toCreate });
	if (toDelete.length)
		await api.call('DELETE', '/permissions', { body: toDelete.map((row) => row.id) });
}
