// The shape of directus/access/access.json.
import { z } from 'zod/v4';
import { ContentSetupError } from '../errors.ts';

const filter = z.record(z.string(), z.unknown());
const ACTIONS = ['create', 'read', 'update', 'delete', 'share'] as const;

const permissionSchema = z.object({
	collection: z.string(),
	action: z.enum(ACTIONS),
	fields: z.array(z.string()).min(1),
	/** Item filter: which rows (e.g. status = published). */
	permissions: filter.nullable().default(null),
	validation: filter.nullable().default(null),
	presets: filter.nullable().default(null),
});

export const accessFileSchema = z.object({
	policies: z.array(
		z.object({
			name: z.string().min(1),
			icon: z.string(),
			description: z.string(),
			admin_access: z.boolean(),
			app_access: z.boolean(),
			enforce_tfa: z.boolean(),
			permissions: z.array(permissionSchema),
		}),
	),
	roles: z.array(
		z.object({
			name: z.string().min(1),
			icon: z.string(),
			description: z.string(),
			policies: z.array(z.string()),
		}),
	),
	users: z.array(
		z.object({
			email: z.email(),
			first_name: z.string(),
			last_name: z.string(),
			role: z.string(),
			/** The environment variable (or `tokens` key) that holds this user's static token. */
			tokenFrom: z.string().optional(),
		}),
	),
});
export type AccessFile = z.output<typeof accessFileSchema>;
export type Permission = z.output<typeof permissionSchema>;

/** Every role and policy the file names must be defined in it. */
export function checkReferences(access: AccessFile, fileName: string): void {
	const policies = new Set(access.policies.map((policy) => policy.name));
	const roles = new Set(access.roles.map((role) => role.name));
	const missing = [
		...access.roles.flatMap((role) => role.policies.filter((name) => !policies.has(name))),
		...access.users.map((user) => user.role).filter((name) => !roles.has(name)),
	];
	if (missing.length) {
		throw new ContentSetupError({
			file: fileName,
			reason: `names roles or policies it does not define: ${missing.join(', ')}`,
		});
	}
}
