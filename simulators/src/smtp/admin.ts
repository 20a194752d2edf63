// The sink's HTTP side under /__sim/: the received mails as a page (GET /__sim/) and as JSON
// (GET /__sim/messages[?to=], GET /__sim/messages/:id, GET /__sim/messages/:id/raw,
// DELETE /__sim/messages), and faults for the SMTP dialogue (GET|POST|DELETE /__sim/smtp-faults).
import type { Router } from 'express';
import { z } from 'zod/v4';
import { escapeHtml } from '../chatwoot/admin-page.ts';
import {
	type MailStore,
	type ReceivedMail,
	type SmtpFaultTable,
	smtpFaultSchema,
} from './store.ts';

/** The JSON of a mail, without the raw message (GET …/raw has it). */
function summary(mail: ReceivedMail): Omit<ReceivedMail, 'raw'> {
	return Object.fromEntries(Object.entries(mail).filter(([key]) => key !== 'raw')) as Omit<
		ReceivedMail,
		'raw'
	>;
}

export function renderMailPage(mails: readonly ReceivedMail[], smtpUrl: string | null): string {
	const rows = mails
		.slice()
		.reverse()
		.map(
			(mail) => `<section>
<p class="meta">#${mail.id} · ${escapeHtml(mail.receivedAt)} · from ${escapeHtml(mail.envelope.from)} to ${escapeHtml(mail.envelope.to.join(', '))}</p>
<h2>${escapeHtml(mail.subject ?? '(no subject)')}</h2>
<pre>${escapeHtml(mail.text ?? mail.html ?? '')}</pre>
</section>`,
		)
		.join('\n');
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>SMTP sink</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 2rem; max-width: 60rem; }
section { border: 1px solid #ccc; border-radius: 6px; padding: 0.5rem 1rem; margin-bottom: 1rem; }
.meta { color: #555; }
pre { white-space: pre-wrap; }
</style>
</head>
<body>
<h1>SMTP sink</h1>
<p>Mail sent to ${smtpUrl ? escapeHtml(smtpUrl) : 'the SMTP port'} lands here; nothing is delivered. JSON: <a href="messages">messages</a>.</p>
${rows || '<p>No mail yet.</p>'}
</body>
</html>`;
}

export function mountSmtpAdmin(
	router: Router,
	deps: { store: MailStore; faults: SmtpFaultTable; smtpUrl: () => string | null },
): void {
	const { store, faults } = deps;
	router.get('/', (_req, res) => {
		res.type('html').send(renderMailPage(store.list(), deps.smtpUrl()));
	});
	router.get('/messages', (req, res) => {
		const query = z.object({ to: z.string().optional() }).safeParse(req.query);
		if (!query.success) {
			res.status(400).json({ error: z.prettifyError(query.error) });
			return;
		}
		res.json(store.list(query.data).map(summary));
	});
	const byId = (id: string) => (/^\d+$/.test(id) ? store.get(Number(id)) : undefined);
	router.get('/messages/:id', (req, res) => {
		const mail = byId(req.params.id);
		if (!mail) res.status(404).json({ error: `no mail ${req.params.id}` });
		else res.json(summary(mail));
	});
	router.get('/messages/:id/raw', (req, res) => {
		const mail = byId(req.params.id);
		if (!mail) res.status(404).json({ error: `no mail ${req.params.id}` });
		else res.type('message/rfc822').send(mail.raw);
	});
	router.delete('/messages', (_req, res) => {
		store.clear();
		res.json({ ok: true });
	});
	router.get('/smtp-faults', (_req, res) => {
		res.json(faults.list());
	});
	router.post('/smtp-faults', (req, res) => {
		const parsed = smtpFaultSchema.safeParse(req.body);
		if (!parsed.success) {
			res.status(400).json({ error: z.prettifyError(parsed.error) });
			return;
		}
		res.status(201).json(faults.add(parsed.data));
	});
	router.delete('/smtp-faults', (_req, res) => {
		faults.clear();
		res.json({ ok: true });
	});
}
