import type { Express, Request, Response } from 'express';
import { authenticate } from './auth.ts';
import type { SimDeps } from './deps.ts';
import * as agentBots from './handlers-agent-bots.ts';
import { assignmentsHandler } from './handlers-assignments.ts';
import * as contacts from './handlers-contacts.ts';
import * as customAttributes from './handlers-custom-attributes.ts';
import { listConversationsHandler } from './handlers-conversation-list.ts';
import * as conversations from './handlers-conversations.ts';
import * as inboxes from './handlers-inboxes.ts';
import * as labels from './handlers-labels.ts';
import * as messages from './handlers-messages.ts';
import * as teams from './handlers-teams.ts';
import * as webhooks from './handlers-webhooks.ts';
import { errorHandler, httpErrors, routeNotFound } from './http-errors.ts';
import { isRecord } from './json.ts';
import { ACCOUNT_PREFIX, type RouteDef } from './route.ts';
import type { SwaggerValidator } from './validate.ts';
import { mountWhatsappRoutes, type WhatsappOptions } from './whatsapp-webhook.ts';

const conversation = '/conversations/:conversation_id';

/** The Application API endpoints switchboard uses; `bot` marks BOT_ACCESSIBLE_ENDPOINTS. */
export const ROUTES: readonly RouteDef[] = [
	{ method: 'get', path: '/conversations', handler: listConversationsHandler },
	{ method: 'get', path: conversation, handler: conversations.showConversationHandler, bot: true },
	{
		method: 'post',
		path: `${conversation}/toggle_status`,
		handler: conversations.toggleStatusHandler,
		bot: true,
	},
	{
		method: 'post',
		path: `${conversation}/toggle_priority`,
		handler: conversations.togglePriorityHandler,
		bot: true,
	},
	{
		method: 'post',
		path: `${conversation}/custom_attributes`,
		handler: conversations.setCustomAttributesHandler,
		bot: true,
	},
	{
		method: 'get',
		path: `${conversation}/labels`,
		handler: conversations.listLabelsHandler,
		bot: true,
	},
	{
		method: 'post',
		path: `${conversation}/labels`,
		handler: conversations.setLabelsHandler,
		bot: true,
	},
	{ method: 'post', path: `${conversation}/assignments`, handler: assignmentsHandler, bot: true },
	{ method: 'get', path: `${conversation}/messages`, handler: messages.listMessagesHandler },
	{
		method: 'post',
		path: `${conversation}/messages`,
		handler: messages.createMessageHandler,
		bot: true,
	},
	{ method: 'get', path: '/contacts/search', handler: contacts.searchContactsHandler },
	{ method: 'post', path: '/contacts', handler: contacts.createContactHandler },
	{ method: 'get', path: '/contacts/:id', handler: contacts.showContactHandler },
	{ method: 'put', path: '/contacts/:id', handler: contacts.updateContactHandler },
	{ method: 'get', path: '/inboxes', handler: inboxes.listInboxesHandler },
	{ method: 'get', path: '/inboxes/:id', handler: inboxes.showInboxHandler },
	{ method: 'patch', path: '/inboxes/:id', handler: inboxes.updateInboxHandler, admin: true },
	{ method: 'get', path: '/inboxes/:id/agent_bot', handler: inboxes.inboxAgentBotHandler },
	{
		method: 'post',
		path: '/inboxes/:id/set_agent_bot',
		handler: inboxes.setAgentBotHandler,
		admin: true,
	},
	{ method: 'get', path: '/agents', handler: teams.listAgentsHandler },
	{ method: 'get', path: '/teams', handler: teams.listTeamsHandler },
	{ method: 'post', path: '/teams', handler: teams.createTeamHandler, admin: true, wrap: 'team' },
	{ method: 'get', path: '/teams/:team_id', handler: teams.showTeamHandler },
	{
		method: 'patch',
		path: '/teams/:team_id',
		handler: teams.updateTeamHandler,
		admin: true,
		wrap: 'team',
	},
	{
		method: 'get',
		path: '/teams/:team_id/team_members',
		handler: teams.listTeamMembersHandler,
		admin: true,
	},
	{
		method: 'post',
		path: '/teams/:team_id/team_members',
		handler: teams.addTeamMembersHandler,
		admin: true,
	},
	{
		method: 'patch',
		path: '/teams/:team_id/team_members',
		handler: teams.updateTeamMembersHandler,
		admin: true,
	},
	{
		method: 'delete',
		path: '/teams/:team_id/team_members',
		handler: teams.removeTeamMembersHandler,
		admin: true,
	},
	{ method: 'get', path: '/agent_bots', handler: agentBots.listAgentBotsHandler },
	{
		method: 'post',
		path: '/agent_bots',
		handler: agentBots.createAgentBotHandler,
		admin: true,
		wrap: 'agent_bot',
	},
	{ method: 'get', path: '/agent_bots/:id', handler: agentBots.showAgentBotHandler },
	{
		method: 'patch',
		path: '/agent_bots/:id',
		handler: agentBots.updateAgentBotHandler,
		admin: true,
		wrap: 'agent_bot',
	},
	{
		method: 'delete',
		path: '/agent_bots/:id',
		handler: agentBots.deleteAgentBotHandler,
		admin: true,
	},
	{ method: 'get', path: '/webhooks', handler: webhooks.listWebhooksHandler, admin: true },
	{
		method: 'post',
		path: '/webhooks',
		handler: webhooks.createWebhookHandler,
		admin: true,
		wrap: 'webhook',
	},
	{
		method: 'patch',
		path: '/webhooks/:webhook_id',
		handler: webhooks.updateWebhookHandler,
		admin: true,
		wrap: 'webhook',
	},
	{
		method: 'delete',
		path: '/webhooks/:webhook_id',
		handler: webhooks.deleteWebhookHandler,
		admin: true,
	},
	// LabelPolicy: agents may list labels; everything else is for administrators.
	{ method: 'get', path: '/labels', handler: labels.listLabelsHandler },
	{
		method: 'post',
		path: '/labels',
		handler: labels.createLabelHandler,
		admin: true,
		wrap: 'label',
	},
	{ method: 'get', path: '/labels/:id', handler: labels.showLabelHandler, admin: true },
	{
		method: 'patch',
		path: '/labels/:id',
		handler: labels.updateLabelHandler,
		admin: true,
		wrap: 'label',
	},
	{ method: 'delete', path: '/labels/:id', handler: labels.deleteLabelHandler, admin: true },
	{
		method: 'get',
		path: '/custom_attribute_definitions',
		handler: customAttributes.listCustomAttributesHandler,
	},
	{
		method: 'post',
		path: '/custom_attribute_definitions',
		handler: customAttributes.createCustomAttributeHandler,
		wrap: 'custom_attribute_definition',
	},
	{
		method: 'get',
		path: '/custom_attribute_definitions/:id',
		handler: customAttributes.showCustomAttributeHandler,
	},
	{
		method: 'patch',
		path: '/custom_attribute_definitions/:id',
		handler: customAttributes.updateCustomAttributeHandler,
		wrap: 'custom_attribute_definition',
	},
	{
		method: 'delete',
		path: '/custom_attribute_definitions/:id',
		handler: customAttributes.deleteCustomAttributeHandler,
	},
];

export function mountChatwootRoutes(
	app: Express,
	deps: SimDeps,
	validator: SwaggerValidator,
	whatsapp: WhatsappOptions,
): void {
	mountWhatsappRoutes(app, deps, whatsapp);
	for (const route of ROUTES) {
		const path = `${ACCOUNT_PREFIX}${route.path}`;
		app[route.method](path, (req: Request, res: Response) => {
			const { caller, account } = authenticate(deps.state, req, route);
			const body = requestBody(req, route);
			if (route.method !== 'get' && route.method !== 'delete')
				validator.check(route.method, path, body);
			const result = route.handler(
				{ params: req.params as Record<string, string>, query: req.query, body, caller, account },
				deps,
			);
			res.status(result.status ?? 200);
			if (result.body === undefined) res.end();
			else res.json(result.body);
		});
	}
	app.use('/api', routeNotFound);
	app.use(errorHandler);
}

/** Unwraps `{team: {...}}` into `{...}` for the controllers that use wrap_parameters. */
function requestBody(req: Request, route: RouteDef): Record<string, unknown> {
	const raw: unknown = req.body;
	const body = isRecord(raw) ? raw : {};
	if (!route.wrap) return body;
	const wrapped = body[route.wrap];
	const unwrapped = isRecord(wrapped) ? wrapped : body;
	if (Object.keys(unwrapped).length === 0) throw httpErrors.paramMissing(route.wrap);
	return unwrapped;
}
