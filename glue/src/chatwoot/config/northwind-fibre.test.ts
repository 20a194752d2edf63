// One home per fact (DESIGN.md §3): chatwoot/config/northwind-fibre.yaml is where the departments'
// numbers, inboxes and teams live. The Directus demo seed and the Chatwoot simulator's seed repeat
// them for the sandbox; these tests prove the three say the same.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { listen, type RunningServer } from '../../../../simulators/src/common/listen.ts';
import {
	CHATWOOT_SIM_INBOXES,
	CHATWOOT_SIM_SOCIAL_INBOXES,
	CHATWOOT_SIM_USER_TOKEN,
	createChatwootSimulator,
} from '../../../../simulators/src/chatwoot/index.ts';
import { URGENCIES } from '../../log-store/schemas.ts';
import { STAGE_ATTRIBUTE_KEY, STAGES } from '../../stages/index.ts';
import { planActions } from '../../pipeline/action-plan.ts';
import type { RouteDecision } from '../../routing/route-decision.ts';
import { AI_HANDOFF_LABEL, LABELLED_INTENTS } from '../handoff-labels.ts';
import { formatChanges } from './changes.ts';
import { applyChatwootConfig, type ApplyChatwootConfigResult } from './apply-chatwoot-config.ts';
import { DEFAULT_CONFIG_FILE } from './index.ts';
import { loadChatwootConfig } from './load-config.ts';

const config = loadChatwootConfig(DEFAULT_CONFIG_FILE, {
	GATEWAY_PUBLIC_URL: 'http://127.0.0.1:8080',
});

interface SeedDepartment {
	key: string;
	name: string;
	whatsapp_numbers: string[];
	phone_number_ids: string[];
	chatwoot_inbox_ids: number[];
	chatwoot_team_id: number | null;
	escalation_team_id: number | null;
}
const seed = JSON.parse(
	readFileSync(new URL('../../../../directus/seed/northwind-fibre.json', import.meta.url), 'utf8'),
) as { departments: SeedDepartment[]; business_info: { name: string } };

describe('chatwoot/config/northwind-fibre.yaml', () => {
	let server: RunningServer;
	let onSimulator: ApplyChatwootConfigResult;

	before(async () => {
		// The simulator's default seed, as `npm start` runs it; a dry run needs no Directus.
		server = await listen(createChatwootSimulator({ simulateWhatsappSend: false }).app);
		onSimulator = await applyChatwootConfig({
			configFile: DEFAULT_CONFIG_FILE,
			env: { GATEWAY_PUBLIC_URL: 'http://127.0.0.1:8080' },
			chatwoot: { baseUrl: server.url, accessToken: CHATWOOT_SIM_USER_TOKEN },
			dryRun: true,
		});
	});
	after(() => server?.close());

	it('should name the same departments, numbers and phone-number ids as the Directus seed', () => {
		const fromConfig = config.departments.map((d) => ({
			key: d.key,
			name: d.name,
			whatsapp_numbers: d.whatsapp.map((w) => w.number),
			phone_number_ids: d.whatsapp.map((w) => w.phone_number_id),
		}));
		const fromSeed = seed.departments.map((d) => ({
			key: d.key,
			name: d.name,
			whatsapp_numbers: d.whatsapp_numbers,
			phone_number_ids: d.phone_number_ids,
		}));
		assert.deepEqual(fromConfig, fromSeed);
	});

	it("should describe the simulator's inboxes and teams: nothing to create there", () => {
		for (const department of config.departments) {
			const inbox = CHATWOOT_SIM_INBOXES[department.key as keyof typeof CHATWOOT_SIM_INBOXES];
			assert.deepEqual(
				department.whatsapp.map((w) => [w.inbox, w.number, w.phone_number_id]),
				[[inbox.name, inbox.phoneNumber, inbox.phoneNumberId]],
			);
		}
		const created = onSimulator.changes.filter(
			(c) => (c.kind === 'inbox' || c.kind === 'team') && c.action === 'create',
		);
		assert.deepEqual(formatChanges(created), []);
	});

	it("should give Messenger and Instagram inboxes to the departments the simulator's agents serve", () => {
		const fromConfig = config.departments.flatMap((d) => [
			...d.messenger.map((m) => ['messenger', m.inbox, d.key]),
			...d.instagram.map((i) => ['instagram', i.inbox, d.key]),
		]);
		assert.deepEqual(
			fromConfig.sort(),
			Object.entries(CHATWOOT_SIM_SOCIAL_INBOXES)
				.map(([channel, inbox]) => [channel, inbox.name, inbox.department])
				.sort(),
		);
	});

	it('should give the Directus seed its inbox and team ids when applied to the simulator', () => {
		assert.deepEqual(
			onSimulator.departments.map((d) => [d.key, d.chatwootInboxIds, d.chatwootTeamId]),
			seed.departments.map((d) => [d.key, d.chatwoot_inbox_ids, d.chatwoot_team_id]),
		);
		const teamIds = new Set(onSimulator.departments.map((d) => d.chatwootTeamId));
		for (const department of seed.departments) {
			if (department.escalation_team_id === null) continue;
			assert.ok(teamIds.has(department.escalation_team_id), `${department.key}: escalation team`);
		}
	});

	it('should create every label the hand-off and the transfer can write', () => {
		const keys = config.departments.map((d) => d.key);
		const routes: RouteDecision[] = keys.flatMap((department) => [
			...[false, true].map(
				(escalated): RouteDecision => ({
					action: 'handoff',
					rule: 'needs_human',
					department,
					teamId: 1,
					escalated,
					reason: 'test',
					priority: 'medium',
				}),
			),
			...keys.map(
				(from): RouteDecision => ({
					action: 'transfer',
					rule: 'other_department',
					fromDepartment: from,
					toDepartment: department,
					teamId: 1,
					escalated: false,
					note: 'test',
					priority: 'medium',
				}),
			),
		]);
		// Claude names intents freely: a few it might invent stand for the open rest.
		const intents = [...LABELLED_INTENTS, 'router_reset', 'x', 'other'];
		// The gateway's hand-off of a dead letter adds its own label to the department's.
		const written = new Set<string>([AI_HANDOFF_LABEL]);
		for (const route of routes) {
			for (const urgency of URGENCIES) {
				for (const intent of intents) {
					const plan = planActions(
						route,
						{
							intent,
							urgency,
							sentiment: 'neutral',
							language: 'en',
							confidence: 0.5,
						},
						{},
					);
					for (const label of plan.handoff?.labels ?? []) written.add(label);
				}
			}
		}
		// Created, or already there and unchanged: every label the config describes.
		const created = new Set(
			onSimulator.changes.filter((c) => c.kind === 'label').map((c) => c.name),
		);
		assert.deepEqual(
			[...written].filter((label) => !created.has(label)),
			[],
			'labels the pipeline writes that the config does not create',
		);
		assert.ok(
			written.has('escalated') && written.has('transferred') && written.has('intent-other'),
		);
	});

	it('should offer every department and every triage urgency as a label and an attribute value', () => {
		const titles = config.labels.map((l) => l.title);
		for (const urgency of URGENCIES) assert.ok(titles.includes(`urgency-${urgency}`), urgency);
		const department = config.custom_attributes.find((a) => a.key === 'department');
		assert.deepEqual(
			department?.values,
			config.departments.map((d) => d.key),
		);
	});

	it("should define the contacts' Stage list with exactly the lifecycle's stages, and subscribe to its changes", () => {
		const stage = config.custom_attributes.find((a) => a.key === STAGE_ATTRIBUTE_KEY);
		assert.equal(stage?.model, 'contact_attribute');
		assert.equal(stage?.display_type, 'list');
		assert.deepEqual(stage?.values, [...STAGES]);
		assert.ok(config.account_webhook?.subscriptions.includes('contact_updated'));
	});
});
