// Roles, policies and the automation user as code (directus/access/access.json). Policies are
// found by name and their permissions mirrored exactly; a role's policies likewise. Directus 11
// accepts item filters and field subsets in permissions (12.x Core would refuse them).
import { connectDirectus, type DirectusApi, type DirectusConnection } from '../directus-client.ts';
import { ContentSetupError } from '../errors.ts';
import { accessFileSchema, checkReferences } from './access-file.ts';
import { mirrorPermissions, permissionChange } from './access-permissions.ts';
import { upsertUser, type AccessUser } from './access-users.ts';
import { differingKeys, type SetupResult } from './changes.ts';
import { displayName, readSetupFile, SETUP_FILES } from './files.ts';

export { accessFileSchema, type AccessFile } from './access-file.ts';
export type { AccessUser } from './access-users.ts';

export interface ApplyAccessOptions {
	/** An admin's static token. */
	directus: DirectusConnection;
	file?: URL;
	/** Static tokens by `tokenFrom` name, e.g. { DIRECTUS_AUTOMATION_TOKEN: '…' }. */
	tokens?: Record<string, string | undefined>;
	/** Give a user named in `tokenFrom` a new random token when it has none and none is given. */
	generateMissingTokens?: boolean;
	dryRun?: boolean;
}

export interface AccessResult extends SetupResult {
	users: AccessUser[];
	/** Policy ids by name (null in a dry run for one not created yet). */
	policies: Record<string, string | null>;
	roles: Record<string, string | null>;
}

interface Row extends Record<string, unknown> {
	id: string;
}

export async function applyDirectusAccess(options: ApplyAccessOptions): Promise<AccessResult> {
	const file = options.file ?? SETUP_FILES.access;
	const access = readSetupFile(file, accessFileSchema);
	checkReferences(access, displayName(file));
	const api = connectDirectus<object>(options.directus);
	const dryRun = options.dryRun ?? false;
	const result: AccessResult = { changes: [], skipped: [], users: [], policies: {}, roles: {} };

	for (const policy of access.policies) {
		const { permissions, ...settings } = policy;
		const id = await upsertByName(api, '/policies', 'policy', settings, result, dryRun);
		result.policies[policy.name] = id;
		if (id) await mirrorPermissions(api, id, policy.name, permissions, result, dryRun);
		else result.changes.push(...permissions.map((p) => permissionChange('create', policy.name, p)));
	}
	for (const role of access.roles) {
		const { policies, ...settings } = role;
		const id = await upsertByName(api, '/roles', 'role', settings, result, dryRun);
		result.roles[role.name] = id;
		const wanted = policies.map((name) => result.policies[name] ?? null);
		await mirrorRolePolicies(api, role.name, id, wanted, policies, result, dryRun);
	}
	for (const user of access.users) {
		result.users.push(
			await upsertUser(api, user, { ...options, roles: result.roles, dryRun }, result),
		);
	}
	return result;
}

async function upsertByName(
	api: DirectusApi<object>,
	path: '/policies' | '/roles',
	kind: string,
	settings: Record<string, unknown> & { name: string },
	result: SetupResult,
	dryRun: boolean,
): Promise<string | null> {
	const found = await api.call<Row[]>('GET', path, {
		params: { filter: { name: { _eq: settings.name } }, fields: ['id', ...Object.keys(settings)] },
	});
	if (found.length > 1) {
		throw new ContentSetupError({
			file: 'access',
			reason: `cannot tell which ${kind} "${settings.name}" is meant: Directus has ${found.length} of that name; rename or delete the extra ones`,
		});
	}
	const [live] = found;
	if (!live) {
		result.changes.push({ action: 'create', target: `${kind} ${settings.name}` });
		if (dryRun) return null;
		return (await api.call<Row>('POST', path, { body: settings })).id;
	}
	const keys = differingKeys(settings, live);
	if (keys.length) {
		result.changes.push({
			action: 'update',
			target: `${kind} ${settings.name}`,
			detail: keys.join(', '),
		});
		if (!dryRun) await api.call('PATCH', `${path}/${live.id}`, { body: settings });
	}
	return live.id;
}

async function mirrorRolePolicies(
	api: DirectusApi<object>,
	roleName: string,
	roleId: string | null,
	wantedIds: (string | null)[],
	wantedNames: string[],
	result: SetupResult,
	dryRun: boolean,
): Promise<void> {
	const live = roleId
		? await api.call<Row[]>('GET', '/access', { params: { filter: { role: { _eq: roleId } } } })
		: [];
	for (const [index, policyId] of wantedIds.entries()) {
		if (policyId && live.some((row) => row.policy === policyId)) continue;
		result.changes.push({
			action: 'create',
			target: `role ${roleName} → policy ${wantedNames[index]}`,
		});
		if (!dryRun && roleId && policyId) {
			await api.call('POST', '/access', { body: { role: roleId, policy: policyId } });
		}
	}
	for (const row of live.filter((entry) => !wantedIds.includes(entry.policy as string))) {
		result.changes.push({
			action: 'delete',
			target: `role ${roleName} → policy ${String(row.policy)}`,
		});
		if (!dryRun) await api.call('DELETE', `/access/${row.id}`);
	}
}
