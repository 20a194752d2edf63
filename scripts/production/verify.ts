// End-to-end check in production: the operator sends a WhatsApp message from their own phone, and this
// follows it through the gateway, Chatwoot, n8n and the decision log until it is answered or handed off.
//   node scripts/production/verify.ts [--number +…] [--from +…] [--timeout 300]   (--help: all)
import { runCli } from './cli.ts';
import { paths, repoRoot } from './paths.ts';

const USAGE = `
Follows one real test message through the stack. It asks you to send a WhatsApp message from your
own phone to a business number (customers write to it; nothing can send as a customer for you),
then shows each step as it happens: Meta's webhook reaching the gateway, Chatwoot's agent bot
calling it, the n8n execution of workflow 01 (with its link), the decision logged in
sb_ai_decisions, and the bot's reply or the hand-off, with the conversation's link in Chatwoot.
When nothing happens, it names the step to look at. Exit code 0 once a decision is logged.

Usage: node scripts/production/verify.ts [--number +<digits>] [--from +<digits>] [--timeout <seconds>]
                                         [--since <time>]

  --number <+digits>      the business number to write to (default: the first in
                          chatwoot/config/business.yaml)
  --from <+digits>        your phone's number, so that a customer writing to the same number
                          meanwhile is not taken for you (default: the newest sender to it)
  --timeout <seconds>     how long to wait for the message and its decision (default 300)
  --since <time>          follow a message sent since this ISO time (e.g. one sent already)
  --database-url <url>    read the PostgreSQL server at this URL instead of the compose service
                          (its databases directus and n8n)
  --dotenv <file>         the .env to read (default: .env in the repository root)
  -h, --help              this text
`;

const options = {
	number: { type: 'string' },
	from: { type: 'string' },
	timeout: { type: 'string', default: '300' },
	since: { type: 'string' },
	'database-url': { type: 'string' },
	dotenv: { type: 'string', default: paths.envFile },
} as const;

const POLL_MS = 5000;

runCli({ usage: USAGE, options }, async ({ values }) => {
	// Imported here so that a clone without node_modules gets --help and a one-line fix (cli.ts).
	const { readFileSync } = await import('node:fs');
	const { join } = await import('node:path');
	const { setTimeout: sleep } = await import('node:timers/promises');
	const { checkBusinessConfig } = await import('./business-config.ts');
	const { createProcessRunner } = await import('./command.ts');
	const { defaultProject } = await import('./compose.ts');
	const { readEnvFile } = await import('./env-file.ts');
	const { composeTarget, urlTarget } = await import('./postgres-target.ts');
	const { ProductionError } = await import('./production-error.ts');
	const { describeTrace, readTrace } = await import('./verify-trace.ts');

	const env = readEnvFile(values.dotenv);
	const timeoutSeconds = Number(values.timeout);
	if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) {
		throw new ProductionError('--timeout is a whole number of seconds, e.g. --timeout 300');
	}
	const business = checkBusinessConfig(repoRoot, env);
	const departments = business.config?.departments ?? [];
	const number = values.number ?? (business.ok ? departments[0]?.whatsapp[0]?.number : undefined);
	if (!number) {
		throw new ProductionError(
			business.ok ? 'no WhatsApp number in the config: pass --number' : business.problem,
		);
	}
	const department = departments.find((d) => d.whatsapp.some((w) => w.number === number));
	const workflow = JSON.parse(
		readFileSync(join(repoRoot, 'n8n', 'workflows', '01-inbound-message-triage.json'), 'utf8'),
	) as { id: string };
	const since = values.since ? new Date(values.since) : new Date();
	const query = {
		since,
		number,
		...(values.from ? { from: values.from } : {}),
		workflowId: workflow.id,
	};
	const source = {
		runner: createProcessRunner(),
		target: values['database-url']
			? urlTarget(values['database-url'])
			: composeTarget({ ...defaultProject, envFile: values.dotenv }),
		databases: { ledger: 'directus', n8n: 'n8n' },
	};
	const links = {
		n8n: `https://${env.N8N_PUBLIC_HOST}`,
		chatwoot: `https://${env.CHATWOOT_PUBLIC_HOST}`,
		accountId: Number(env.CHATWOOT_ACCOUNT_ID || business.config?.account.id || 1),
		workflowId: workflow.id,
	};

	if (!values.since) {
		console.log(
			`From your own phone, send a WhatsApp message to ${number}${department ? ` (${department.name})` : ''}, e.g. "Hello, when are you open?".`,
		);
	}
	console.log(`Waiting up to ${timeoutSeconds} s for it (Ctrl-C stops)…`);
	const deadline = Date.now() + timeoutSeconds * 1000;
	let shown = '';
	for (;;) {
		const result = describeTrace(await readTrace(source, query), links);
		const text = result.lines.join('\n');
		// Print again only when a step moved, so the terminal shows progress, not a wall of repeats.
		if (text !== shown) console.log(`\n${text}`);
		shown = text;
		if (result.complete) return 0;
		if (Date.now() >= deadline) {
			console.log(`\nNot complete after ${timeoutSeconds} s: ${result.stuckAt}.`);
			return 1;
		}
		await sleep(POLL_MS);
	}
});
