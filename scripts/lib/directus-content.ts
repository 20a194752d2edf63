// The content side of a local stack (npm start, the end-to-end tests): our schema with the log
// store's tables, roles and the automation token, the Insights dashboards,
// the Studio's buttons (flows), and the demo content.
import type pg from 'pg';
import { connectDirectus } from '@switchboard/glue/content';
import {
	applyDirectusAccess,
	applyDirectusDashboards,
	applyDirectusFlows,
	applyDirectusSchema,
	applyDirectusSeed,
} from '@switchboard/glue/content/setup';
import type { DirectusHandle } from './directus.ts';

export interface ProvisionDirectusOptions {
	/** The Directus database: the log store's migrations run there. */
	logStore: pg.Pool;
	automationToken: string;
	/**
	 * `always` for a throwaway database; `when-empty` keeps staff's edits, since the seed upserts
	 * by key and would undo them.
	 */
	seed: 'always' | 'when-empty';
	onProgress?: (line: string) => void;
}

export async function provisionDirectus(
	directus: Pick<DirectusHandle, 'url' | 'adminToken'>,
	options: ProvisionDirectusOptions,
): Promise<void> {
	const say = options.onProgress ?? (() => undefined);
	const admin = { url: directus.url, token: directus.adminToken };
	say('Directus: applying the schema and the log store migrations…');
	await applyDirectusSchema({ directus: admin, logStore: options.logStore });
	say('Directus: applying roles, policies and the automation token…');
	await applyDirectusAccess({
		directus: admin,
		tokens: { DIRECTUS_AUTOMATION_TOKEN: options.automationToken },
	});
	say('Directus: mirroring the Insights dashboards…');
	await applyDirectusDashboards({ directus: admin });
	say('Directus: mirroring the Studio buttons (flows)…');
	await applyDirectusFlows({ directus: admin });
	if (options.seed === 'when-empty' && (await hasDepartments(admin))) {
		say(
			'Directus: content already there, left as it is (the demo seed runs on an empty database).',
		);
		return;
	}
	say('Directus: seeding the demo content (Northwind Fibre)…');
	await applyDirectusSeed({ directus: admin });
}

async function hasDepartments(admin: { url: string; token: string }): Promise<boolean> {
	const departments = await connectDirectus<object>(admin).call<unknown[]>(
		'GET',
		'/items/departments',
		{ params: { limit: 1, fields: 'key' } },
	);
	return departments.length > 0;
}
