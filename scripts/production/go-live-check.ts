// The go-live checklist: reads each item from the running system and prints it done or to do.
//   node scripts/production/go-live-check.ts [--chatwoot-url U --directus-url U]   (--help: all)
import { runCli } from './cli.ts';
import { paths, repoRoot } from './paths.ts';

const USAGE = `
Checks what a business needs before real customers write, each item from the running system, and
prints it as "done" or "to do" with what to do. Exit code 0 only when every item is done.

  Real WhatsApp numbers      chatwoot/config/business.yaml has no made-up +1 555 number, and each
                             number has its WhatsApp inbox in Chatwoot
  Business info (Directus)   name (not the demo's), time zone, opening hours, as the bot reads them
  FAQ                        published entries for every department
  Message templates          the messages the product sends without Claude (out of hours, hand-off,
                             opt-out and opt-in replies, appointment reminder) published, and each
                             WhatsApp template mapped to one Meta lists as APPROVED
  Agents in teams            every department's Chatwoot team has at least one agent
  Claude                     ANTHROPIC_API_KEY, ANTHROPIC_MODEL and its prices in .env
  Meta's callback            verify token and app secret in .env; Meta sends the WABA's webhooks
                             to https://GATEWAY_PUBLIC_HOST/webhooks/meta (Graph API)
  Outgoing mail              SMTP_ADDRESS set, and a sender for the workflows' mail
                             (MAILER_SENDER_EMAIL, else SMTP_USERNAME)
  Backups                    BACKUP_DIR holds a backup younger than 36 hours

Usage: node scripts/production/go-live-check.ts [--dotenv .env]
       node scripts/production/go-live-check.ts --chatwoot-url <url> --directus-url <url>

Chatwoot and Directus are read from inside the stack (docker compose run … gateway), since
Pangolin's SSO stands in front of them outside; give both URLs to read them directly instead.

  --chatwoot-url <url>    read Chatwoot here with CHATWOOT_API_TOKEN (an administrator's)
  --directus-url <url>    read Directus here with DIRECTUS_ADMIN_TOKEN
  --config <file>         the Chatwoot config to check (default: chatwoot/config/business.yaml)
  --dotenv <file>         the .env to read (default: .env in the repository root)
  --stack-facts           (used inside the stack) print what Chatwoot and Directus hold, as JSON
  -h, --help              this text
`;

const options = {
	'chatwoot-url': { type: 'string' },
	'directus-url': { type: 'string' },
	config: { type: 'string' },
	dotenv: { type: 'string', default: paths.envFile },
	'stack-facts': { type: 'boolean', default: false },
} as const;

runCli({ usage: USAGE, options }, async ({ values }) => {
	// Imported here so that a clone without node_modules gets --help and a one-line fix (cli.ts).
	const facts = await import('./go-live-facts.ts');
	const { ProductionError } = await import('./production-error.ts');
	const stackFacts = async (
		env: Record<string, string | undefined>,
		urls: { chatwoot: string; directus: string },
		accountId: number,
	): Promise<import('./go-live-facts.ts').StackFacts> => ({
		chatwoot: env.CHATWOOT_API_TOKEN
			? await facts.readChatwootFacts({
					baseUrl: urls.chatwoot,
					accessToken: env.CHATWOOT_API_TOKEN,
					accountId,
				})
			: {
					ok: false,
					error:
						"CHATWOOT_API_TOKEN is empty in .env: an administrator's access token (Chatwoot › Profile settings)",
				},
		directus: env.DIRECTUS_ADMIN_TOKEN
			? await facts.readDirectusFacts({ url: urls.directus, token: env.DIRECTUS_ADMIN_TOKEN })
			: { ok: false, error: 'DIRECTUS_ADMIN_TOKEN is empty in .env: run bootstrap.ts' },
	});

	if (values['stack-facts']) {
		const env = process.env;
		if (!env.CHATWOOT_URL || !env.DIRECTUS_URL) {
			throw new ProductionError('--stack-facts needs CHATWOOT_URL and DIRECTUS_URL');
		}
		const accountId = Number(env.CHATWOOT_ACCOUNT_ID || 1);
		const read = await stackFacts(
			env,
			{ chatwoot: env.CHATWOOT_URL, directus: env.DIRECTUS_URL },
			accountId,
		);
		console.log(JSON.stringify(read));
		return;
	}

	const { readEnvFile } = await import('./env-file.ts');
	const { checkBusinessConfig } = await import('./business-config.ts');
	const { claudeModelFromEnv } = await import('../lib/claude-model.ts');
	const { goLiveItems, formatChecklist } = await import('./go-live-items.ts');
	const { gatewayPublicUrl } = await import('./settings.ts');
	const env = readEnvFile(values.dotenv);
	const business = checkBusinessConfig(repoRoot, env, values.config);
	const accountId = Number(env.CHATWOOT_ACCOUNT_ID || business.config?.account.id || 1);

	let stack: import('./go-live-facts.ts').StackFacts;
	const chatwootUrl = values['chatwoot-url'];
	const directusUrl = values['directus-url'];
	if (chatwootUrl || directusUrl) {
		if (!chatwootUrl || !directusUrl) {
			throw new ProductionError(
				'give both --chatwoot-url and --directus-url, or neither (then the stack is read from inside)',
			);
		}
		stack = await stackFacts(env, { chatwoot: chatwootUrl, directus: directusUrl }, accountId);
	} else {
		const { createProcessRunner } = await import('./command.ts');
		const { defaultProject } = await import('./compose.ts');
		const { stackFactsCommand } = await import('./go-live-stack.ts');
		const output = await createProcessRunner().capture(
			stackFactsCommand({ ...defaultProject, envFile: values.dotenv }, env, accountId),
		);
		stack = facts.stackFactsSchema.parse(JSON.parse(output.split('\n').at(-1) ?? '{}'));
	}

	const claude = claudeModelFromEnv(env, { simulated: false });
	const items = goLiveItems({
		business: business.ok
			? {
					ok: true,
					departments: business.config.departments.map((d) => ({
						key: d.key,
						team: d.team?.name ?? null,
						numbers: d.whatsapp.map((w) => w.number),
					})),
				}
			: { ok: false, problem: business.problem },
		chatwoot: stack.chatwoot,
		directus: stack.directus,
		claudeProblems: [
			...(env.ANTHROPIC_API_KEY ? [] : ['ANTHROPIC_API_KEY (empty)']),
			...(claude.ok ? [] : claude.problems),
		],
		metaCallback: await facts.readMetaCallback(env),
		expectedCallback: `${gatewayPublicUrl(env)}/webhooks/meta`,
		metaEmpty: ['META_WEBHOOK_VERIFY_TOKEN', 'META_APP_SECRET'].filter((name) => !env[name]),
		mail: facts.readMailFacts(env),
		backups: facts.readBackupFacts(env.BACKUP_DIR),
		now: new Date(),
	});
	console.log(formatChecklist(items));
	return items.every((item) => item.done) ? 0 : 1;
});
