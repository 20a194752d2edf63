// chatwoot/config/<business>.yaml → Chatwoot (through its API) → Directus `departments` (the wiring).
// Idempotent: everything is read and compared first, only differences are written, and a state the
// API must not fix (a missing WhatsApp inbox, a wrong phone-number id) stops it before any write.
import { fileURLToPath } from 'node:url';
import type { DirectusConnection } from '../../content/directus-client.ts';
import { createChatwootClient, type ChatwootClientOptions } from '../client.ts';
import { applyChatwootPlan } from './apply-plan.ts';
import type { ConfigChange } from './changes.ts';
import { ChatwootConfigFileError } from './chatwoot-config-file-error.ts';
import { ChatwootConfigStateError } from './chatwoot-config-state-error.ts';
import type { ChatwootConfig } from './config-schema.ts';
import {
	applyDepartmentWiring,
	type DepartmentWiring,
	type WiringResult,
} from './directus-wiring.ts';
import { loadChatwootConfig } from './load-config.ts';
import { manualSteps } from './manual-steps.ts';
import { missingPipelineLabels } from './pipeline-labels.ts';
import { planChatwootConfig, socialInboxKey, type ChatwootPlan } from './plan.ts';
import { readChatwootState } from './read-state.ts';
import type { Environment } from './template.ts';

export interface ApplyChatwootConfigOptions {
	/** e.g. chatwoot/config/northwind-fibre.yaml */
	configFile: string | URL;
	/** Fills the file's ${NAME} placeholders; default process.env. */
	env?: Environment;
	/** An administrator's token. `accountId` defaults to the file's `account.id` and must agree. */
	chatwoot: Omit<ChatwootClientOptions, 'accountId'> & { accountId?: number };
	/** An admin's static token; null or omitted skips writing the wiring to Directus. */
	directus?: DirectusConnection | null;
	/** Read and compare, write nothing. */
	dryRun?: boolean;
}

export interface ApplyChatwootConfigResult {
	accountId: number;
	dryRun: boolean;
	/** Chatwoot's changes, then Directus's; unchanged things included (action `unchanged`). */
	changes: ConfigChange[];
	/** The agent bot's secret (CHATWOOT_BOT_SECRET); null in a dry run that would create the bot. */
	botSecret: string | null;
	/** The agent bot's access token (CHATWOOT_BOT_TOKEN); null when Chatwoot did not show it. */
	botAccessToken: string | null;
	/** The account webhook's secret (CHATWOOT_ACCOUNT_WEBHOOK_SECRET); null when there is none. */
	accountWebhookSecret: string | null;
	/** What was (or would be) written to Directus for each department. */
	departments: DepartmentWiring[];
	/** Null when the Directus step was skipped. */
	directus: WiringResult | null;
	/** What the config asks for that Chatwoot's API cannot do: instructions to print. */
	manualSteps: string[];
}

export async function applyChatwootConfig(
	options: ApplyChatwootConfigOptions,
): Promise<ApplyChatwootConfigResult> {
	const config = loadChatwootConfig(options.configFile, options.env ?? process.env);
	const file =
		typeof options.configFile === 'string' ? options.configFile : fileURLToPath(options.configFile);
	const accountId = options.chatwoot.accountId ?? config.account.id;
	if (accountId !== config.account.id) {
		throw new ChatwootConfigFileError({
			file,
			issues: [
				{
					path: 'account.id',
					message: `is ${config.account.id}, but it is being applied to account ${accountId} (CHATWOOT_ACCOUNT_ID)`,
				},
			],
		});
	}
	const missingLabels = missingPipelineLabels(config);
	if (missingLabels.length > 0) throw new ChatwootConfigFileError({ file, issues: missingLabels });
	const dryRun = options.dryRun ?? false;
	const client = createChatwootClient({ ...options.chatwoot, accountId });
	const state = await readChatwootState(client, config);
	const plan = planChatwootConfig(config, state);
	if (plan.problems.length > 0) throw new ChatwootConfigStateError(plan.problems);
	const applied = await applyChatwootPlan(client, plan, dryRun);
	const departments = wiringOf(config, plan, applied.teamIds);
	const pendingTeams = new Set(
		plan.steps.flatMap((step) =>
			step.type === 'team' && step.id === null ? [step.departmentKey] : [],
		),
	);
	const directus = options.directus
		? await applyDepartmentWiring({
				directus: options.directus,
				departments,
				dryRun,
				pendingTeams: dryRun ? pendingTeams : undefined,
			})
		: null;
	return {
		accountId,
		dryRun,
		changes: [...plan.steps.map((step) => step.change), ...(directus?.changes ?? [])],
		botSecret: applied.botSecret,
		botAccessToken: applied.botAccessToken,
		accountWebhookSecret: config.account_webhook ? applied.accountWebhookSecret : null,
		departments,
		directus,
		manualSteps: manualSteps(config),
	};
}

function wiringOf(
	config: ChatwootConfig,
	plan: Pick<ChatwootPlan, 'inboxIds' | 'socialInboxIds'>,
	teamIds: ReadonlyMap<string, number | null>,
): DepartmentWiring[] {
	const known = (id: number | undefined) => (id === undefined ? [] : [id]);
	return config.departments.map((department) => ({
		key: department.key,
		name: department.name,
		whatsappNumbers: department.whatsapp.map((w) => w.number),
		phoneNumberIds: department.whatsapp.map((w) => w.phone_number_id),
		// The router finds a department by the inbox a message came to, whatever its channel.
		chatwootInboxIds: [
			...department.whatsapp.flatMap((w) => known(plan.inboxIds.get(w.number))),
			...department.messenger.flatMap((m) =>
				known(plan.socialInboxIds.get(socialInboxKey('messenger', m.inbox))),
			),
			...department.instagram.flatMap((i) =>
				known(plan.socialInboxIds.get(socialInboxKey('instagram', i.inbox))),
			),
		],
		chatwootTeamId: teamIds.get(department.key) ?? null,
	}));
}
