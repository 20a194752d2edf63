// GET /__sim/: a read-only look at the conversations. Every value is customer- or caller-supplied
// text, so everything goes through escapeHtml.
import type { ViewDeps } from './deps.ts';
import type { Conversation, Message } from './types.ts';

export function renderAdminPage(deps: ViewDeps): string {
	const conversations = deps.state.conversations
		.all()
		.sort((a, b) => b.lastActivityAt - a.lastActivityAt);
	const body =
		conversations.length === 0
			? '<p>No conversations yet. POST /__sim/incoming to write as a customer.</p>'
			: conversations.map((c) => renderConversation(deps, c)).join('\n');
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Chatwoot simulator</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 2rem; max-width: 60rem; }
section { border: 1px solid #ccc; border-radius: 6px; padding: 0.5rem 1rem; margin-bottom: 1rem; }
.meta { color: #555; }
.label { background: #eef; border-radius: 3px; padding: 0 4px; margin-right: 4px; }
li.private { background: #fff6d5; }
li.activity { color: #777; font-style: italic; }
</style>
</head>
<body>
<h1>Chatwoot simulator</h1>
${body}
</body>
</html>`;
}

function renderConversation(deps: ViewDeps, conversation: Conversation): string {
	const { state } = deps;
	const inbox = state.inboxOf(conversation);
	const contact = state.contactOf(conversation);
	const team = conversation.teamId === null ? undefined : state.teams.get(conversation.teamId);
	const assignee =
		conversation.assigneeId === null ? undefined : state.users.get(conversation.assigneeId);
	const labels = conversation.labels
		.map((l) => `<span class="label">${escapeHtml(l)}</span>`)
		.join('');
	const attributes = Object.keys(conversation.customAttributes).length
		? `<div class="meta">custom attributes: ${escapeHtml(JSON.stringify(conversation.customAttributes))}</div>`
		: '';
	const messages = state.messagesOf(conversation.id).map((m) => renderMessage(deps, m));
	return `<section>
<h2>#${conversation.displayId} · ${escapeHtml(conversation.status)} · ${escapeHtml(inbox.name)}</h2>
<div class="meta">${escapeHtml(contact.name)} ${escapeHtml(contact.phoneNumber ?? '')} · team: ${escapeHtml(
		team?.name ?? '—',
	)} · assignee: ${escapeHtml(assignee?.name ?? '—')}</div>
<div>${labels}</div>
${attributes}
<ul>
${messages.join('\n')}
</ul>
</section>`;
}

function renderMessage({ state }: ViewDeps, message: Message): string {
	const kind = message.private ? 'private' : message.messageType;
	let who = 'system';
	if (message.sender?.type === 'contact')
		who = state.contacts.get(message.sender.id)?.name ?? 'contact';
	if (message.sender?.type === 'user') who = state.users.get(message.sender.id)?.name ?? 'agent';
	if (message.sender?.type === 'agent_bot')
		who = state.agentBots.get(message.sender.id)?.name ?? 'bot';
	const tag = message.private ? 'private note' : message.messageType;
	const files = message.attachments
		.map((a) => ` [${escapeHtml(a.fileType)}: ${escapeHtml(a.dataUrl)}]`)
		.join('');
	return `<li class="${escapeHtml(kind)}"><strong>${escapeHtml(who)}</strong> <em>(${escapeHtml(tag)})</em>: ${escapeHtml(
		message.content ?? '',
	)}${files}</li>`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}
