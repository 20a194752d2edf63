// The go-live checklist as data: what was read from the running system (GoLiveFacts) in, one row
// per item out, each done or with the one thing left to do. Pure, so every rule has a unit test;
// go-live-facts.ts reads the facts, go-live-check.ts prints the rows.

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ChatwootFacts {
	/** phone_number of every WhatsApp inbox in the account. */
	whatsappNumbers: string[];
	/** Every team of the account with its number of agents. */
	teams: { name: string; members: number }[];
}

export interface DirectusFacts {
	/** The business info the bot reads, or why it cannot (empty, invalid). */
	business: Outcome<{ name: string; timeZone: string; openDays: number }>;
	/** Published FAQ entries per department key; ALL_DEPARTMENTS counts those for every department. */
	faqByDepartment: Record<string, number>;
	templates: TemplateFacts;
}

export interface TemplateFacts {
	/** Published `message_templates`; `whatsapp`: the approved template a WhatsApp template maps to. */
	published: {
		key: string;
		language: string;
		channel: string;
		whatsapp: { name: string; language: string } | null;
	}[];
	/** `whatsapp_approved_templates`: Meta's templates as last synced, with Meta's status. */
	approved: { name: string; language: string; status: string }[];
}

/**
 * The messages the product writes without Claude (glue: the router's out-of-hours and hand-off
 * notes, the opt-out and opt-in replies, the reminder), with the channel each must exist on: the
 * reminder also as a Meta-approved template, for a customer whose 24-hour window has closed.
 * go-live-items.test.ts checks this list against glue's constants and the seed.
 */
export const NEEDED_TEMPLATES = [
	{ key: 'out_of_hours', channel: 'whatsapp_session' },
	{ key: 'handoff', channel: 'whatsapp_session' },
	{ key: 'opt_out_confirmation', channel: 'whatsapp_session' },
	{ key: 'opt_in_confirmation', channel: 'whatsapp_session' },
	{ key: 'appointment_reminder', channel: 'whatsapp_session' },
	{ key: 'appointment_reminder', channel: 'whatsapp_template' },
] as const;

/** Channels whose text one template serves (glue/templates pick.ts): any one of them will do. */
const FREE_FORM = ['whatsapp_session', 'messenger', 'instagram'];

export interface GoLiveFacts {
	/** chatwoot/config/business.yaml: its departments, or why it cannot go live. */
	business:
		| {
				ok: true;
				departments: { key: string; team: string | null; numbers: string[] }[];
		  }
		| { ok: false; problem: string };
	chatwoot: Outcome<ChatwootFacts>;
	directus: Outcome<DirectusFacts>;
	/** Problems with the Claude key, model and prices in .env (empty: set). */
	claudeProblems: string[];
	/**
	 * Where Meta sends the WABA's webhooks (override_callback_uri), as Graph's subscribed_apps says;
	 * null when it names none. Not read: the problem (a variable empty).
	 */
	metaCallback: Outcome<string | null>;
	/** Where the gateway takes Meta's webhooks: https://GATEWAY_PUBLIC_HOST/webhooks/meta. */
	expectedCallback: string;
	/** .env's verify token and app secret: the names of those still empty. */
	metaEmpty: string[];
	/** .env's outgoing mail (go-live-facts.ts readMailFacts); an empty string is unset. */
	mail: MailFacts;
	/** BACKUP_DIR and the newest complete backup in it (a folder with manifest.json). */
	backups: Outcome<{ dir: string; newest: Date | null }>;
	now: Date;
}

export interface MailFacts {
	/** The workflows' sender: MAILER_SENDER_EMAIL, else SMTP_USERNAME (smtp-url.ts). */
	sender: string;
	/** SMTP_ADDRESS, the mail server's host. */
	smtpHost: string;
}

export interface ChecklistItem {
	title: string;
	done: boolean;
	/** What was found when done, what to do otherwise: one line. */
	detail: string;
}

/** Key under which FAQ entries for every department (no department set) are counted. */
export const ALL_DEPARTMENTS = '*';

/** A backup older than this is no sign of a nightly job. */
export const BACKUP_MAX_AGE_HOURS = 36;

const DEMO_BUSINESS = 'Northwind Fibre';

export function goLiveItems(facts: GoLiveFacts): ChecklistItem[] {
	return [
		numbersItem(facts),
		businessItem(facts),
		faqItem(facts),
		templatesItem(facts),
		agentsItem(facts),
		claudeItem(facts),
		metaItem(facts),
		mailItem(facts),
		backupsItem(facts),
	];
}

const done = (title: string, detail: string): ChecklistItem => ({ title, done: true, detail });
const todo = (title: string, detail: string): ChecklistItem => ({ title, done: false, detail });

function numbersItem({ business, chatwoot }: GoLiveFacts): ChecklistItem {
	const title = 'Real WhatsApp numbers';
	if (!business.ok) return todo(title, business.problem);
	const numbers = business.departments.flatMap((d) => d.numbers);
	if (!chatwoot.ok) return todo(title, `cannot read Chatwoot's inboxes: ${chatwoot.error}`);
	const inChatwoot = new Set(chatwoot.value.whatsappNumbers);
	const missing = numbers.filter((n) => !inChatwoot.has(n));
	if (missing.length) {
		return todo(
			title,
			`no WhatsApp inbox in Chatwoot for ${missing.join(', ')}: create each (Settings › Inboxes › Add Inbox › WhatsApp Cloud), then first-start.ts --only=chatwoot-config`,
		);
	}
	return done(title, `${numbers.length} in chatwoot/config/business.yaml, each with its inbox`);
}

function businessItem({ directus }: GoLiveFacts): ChecklistItem {
	const title = 'Business info, hours and time zone (Directus)';
	if (!directus.ok) return todo(title, `cannot read Directus: ${directus.error}`);
	const business = directus.value.business;
	const fill = 'fill in Directus › Business info: name, time zone, opening hours';
	if (!business.ok) return todo(title, `${business.error}: ${fill}`);
	const { name, timeZone, openDays } = business.value;
	if (name === DEMO_BUSINESS) return todo(title, `still the demo's (${name}): ${fill}`);
	if (openDays === 0) return todo(title, `${name} has no opening hours: ${fill}`);
	return done(
		title,
		`${name}, ${timeZone}, open ${openDays} day${openDays === 1 ? '' : 's'} a week`,
	);
}

function faqItem({ business, directus }: GoLiveFacts): ChecklistItem {
	const title = 'FAQ';
	if (!directus.ok) return todo(title, `cannot read Directus: ${directus.error}`);
	const counts = directus.value.faqByDepartment;
	const keys = business.ok
		? business.departments.map((d) => d.key)
		: Object.keys(counts).filter((key) => key !== ALL_DEPARTMENTS);
	const empty = keys.filter((key) => !(counts[key] ?? 0) && !(counts[ALL_DEPARTMENTS] ?? 0));
	const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
	if (!keys.length || empty.length) {
		return todo(
			title,
			`no published FAQ ${empty.length ? `for ${empty.join(', ')}` : 'yet'}: write them in Directus › FAQ (status Published); the bot answers only from what is there`,
		);
	}
	return done(title, `published entries for every department (${total} read)`);
}

function templatesItem({ directus }: GoLiveFacts): ChecklistItem {
	const title = 'Message templates (Directus; WhatsApp approval)';
	if (!directus.ok) return todo(title, `cannot read Directus: ${directus.error}`);
	const { published, approved } = directus.value.templates;
	const serves = (channel: string, needed: string) =>
		channel === needed || (FREE_FORM.includes(needed) && FREE_FORM.includes(channel));
	const missing = NEEDED_TEMPLATES.filter(
		({ key, channel }) => !published.some((t) => t.key === key && serves(t.channel, channel)),
	).map(({ key, channel }) =>
		channel === 'whatsapp_template' ? `${key} (WhatsApp template)` : key,
	);
	if (missing.length) {
		return todo(
			title,
			`no published ${missing.join(', ')}: write ${missing.length === 1 ? 'it' : 'them'} in Directus › Message templates (the demo's are in directus/seed/northwind-fibre.json)`,
		);
	}
	const mapped = published.filter((t) => t.channel === 'whatsapp_template');
	const unapproved = mapped.flatMap((t) => {
		const meta = t.whatsapp
			? approved.find((a) => a.name === t.whatsapp!.name && a.language === t.whatsapp!.language)
			: undefined;
		if (meta?.status === 'APPROVED') return [];
		const name = t.whatsapp ? `${t.whatsapp.name} (${t.whatsapp.language})` : 'no template';
		const state = !t.whatsapp
			? ''
			: meta
				? `, which Meta lists as ${meta.status}`
				: ", which Meta's list lacks";
		return [`${t.key} ${t.language} maps to ${name}${state}`];
	});
	if (unapproved.length) {
		return todo(
			title,
			`${unapproved.join('; ')}: submit it in WhatsApp Manager and, once Meta approves it, let Directus sync (hourly at :15) or map an approved one in Directus › Message templates`,
		);
	}
	const keys = new Set(published.map((t) => t.key)).size;
	return done(
		title,
		`${keys} message${keys === 1 ? '' : 's'} published; ${mapped.length} WhatsApp template${mapped.length === 1 ? '' : 's'} mapped to one Meta approved`,
	);
}

function agentsItem({ business, chatwoot }: GoLiveFacts): ChecklistItem {
	const title = 'Agents in teams (Chatwoot)';
	if (!business.ok) return todo(title, 'needs chatwoot/config/business.yaml first (above)');
	if (!chatwoot.ok) return todo(title, `cannot read Chatwoot's teams: ${chatwoot.error}`);
	const teams = new Map(chatwoot.value.teams.map((t) => [t.name, t.members]));
	const named = business.departments.flatMap((d) => (d.team ? [d.team] : []));
	const absent = named.filter((team) => !teams.has(team));
	if (absent.length) {
		return todo(
			title,
			`team ${absent.join(', ')} not in Chatwoot: run first-start.ts --only=chatwoot-config`,
		);
	}
	const empty = named.filter((team) => !teams.get(team));
	if (empty.length) {
		return todo(
			title,
			`no agent in team ${empty.join(', ')}: hand-offs would wait for nobody; add agents in Chatwoot › Settings › Teams`,
		);
	}
	return done(title, named.map((team) => `${team} ${teams.get(team)}`).join(', '));
}

function claudeItem({ claudeProblems }: GoLiveFacts): ChecklistItem {
	const title = 'Claude key, model and prices (.env)';
	if (claudeProblems.length) {
		return todo(
			title,
			`set ${claudeProblems.join(', ')} in .env, then first-start.ts --only=n8n (writes them into n8n's Claude credential)`,
		);
	}
	return done(title, 'ANTHROPIC_API_KEY, ANTHROPIC_MODEL and its prices are set');
}

function metaItem({ metaCallback, expectedCallback, metaEmpty }: GoLiveFacts): ChecklistItem {
	const title = "Meta's callback and verify token";
	if (metaEmpty.length) {
		return todo(
			title,
			`set ${metaEmpty.join(', ')} in .env (compose/README.md, "WhatsApp callback"), then first-start.ts --only=start`,
		);
	}
	if (!metaCallback.ok) return todo(title, metaCallback.error);
	if (metaCallback.value !== expectedCallback) {
		return todo(
			title,
			`Meta sends the WABA's webhooks to ${metaCallback.value ?? "the app's default callback"}, not ${expectedCallback}: point it back (compose/README.md, "WhatsApp callback", step 3)`,
		);
	}
	return done(title, `the WABA's callback is ${expectedCallback}`);
}

function mailItem({ mail }: GoLiveFacts): ChecklistItem {
	const title = 'Outgoing mail (.env)';
	const then =
		"then first-start.ts --only=n8n,start (Chatwoot reads them at start, n8n's mail credentials get them)";
	if (!mail.smtpHost) {
		return todo(
			title,
			`SMTP_ADDRESS is empty: set it, SMTP_PORT, SMTP_USERNAME and SMTP_PASSWORD in .env, ${then}; without it no dead-letter report, TikTok hand-off or invite is sent`,
		);
	}
	if (!mail.sender) {
		return todo(
			title,
			`no sender for the workflows' mail (MAILER_SENDER_EMAIL and SMTP_USERNAME are empty): set MAILER_SENDER_EMAIL in .env, e.g. Switchboard <switchboard@example.com>, ${then}`,
		);
	}
	return done(title, `sent through ${mail.smtpHost} as ${mail.sender}`);
}

function backupsItem({ backups, now }: GoLiveFacts): ChecklistItem {
	const title = 'Backups';
	if (!backups.ok) return todo(title, backups.error);
	const { dir, newest } = backups.value;
	const cron = 'run backup.ts once and add its nightly cron line (compose/README.md, "Backups")';
	if (!newest) return todo(title, `no backup in ${dir} yet: ${cron}`);
	const hours = (now.getTime() - newest.getTime()) / 3_600_000;
	if (hours > BACKUP_MAX_AGE_HOURS) {
		return todo(
			title,
			`the newest backup in ${dir} is ${Math.floor(hours / 24)} days old: ${cron}`,
		);
	}
	return done(title, `newest in ${dir}: ${newest.toISOString()}`);
}

/** `done  title: detail` / `to do title: detail`, then a count. */
export function formatChecklist(items: ChecklistItem[]): string {
	const lines = items.map(
		(item) => `${item.done ? 'done ' : 'to do'}  ${item.title}: ${item.detail}`,
	);
	const left = items.filter((item) => !item.done).length;
	lines.push(
		left ? `${left} of ${items.length} to do.` : `All ${items.length} done: ready to go live.`,
	);
	return lines.join('\n');
}
