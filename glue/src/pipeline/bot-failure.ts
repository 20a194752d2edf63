// A batch whose conversation Chatwoot opened before the bot could answer (its agent-bot failure
// path: our gateway refused, failed or timed out the delivery) and that nobody has answered since
// (chatwoot/bot-owns-after-failure.ts). Workflow 01 still triages it and routes it down the
// hand-off path only: private note, labels, team, lead. It writes nothing to the customer, not even
// the out-of-hours notice: an open conversation belongs to people (the bot never speaks after a
// hand-off, DESIGN.md §6), the message would reach the customer minutes late, after the outage, and
// could cross an agent's first answer. The note tells the agent what the customer was not told.
import type { Department } from '../content/schemas.ts';
import { priorityFor, teamFor } from '../routing/decide-route.ts';
import type {
	HandoffDecision,
	RouteDecision,
	TransferDecision,
} from '../routing/route-decision.ts';

/** The route as acted on after a bot failure: a hand-off or a transfer, never a reply. */
export type BotFailureRoute = (HandoffDecision | TransferDecision) & { afterBotFailure: true };

/** What the note says happened before the bot saw the batch. */
export const BOT_FAILURE_NOTE_LEAD =
	'Chatwoot opened this conversation before the bot could answer (its delivery to the bot ' +
	'failed or timed out while Switchboard was unreachable), and nobody had answered yet. The bot ' +
	'wrote nothing to the customer; this is what triage found.';

/** What the note says of the customer notice a closed team would have had. */
export const BOT_FAILURE_UNTOLD = 'the bot does not write in a conversation Chatwoot opened';

export function isAfterBotFailure(route: object): route is BotFailureRoute {
	return 'afterBotFailure' in route && route.afterBotFailure === true;
}

/**
 * The route once Chatwoot opened the conversation: a hand-off or transfer stays what it is; a
 * reply becomes a hand-off to the receiving department's team (its escalation team when critical),
 * with the answer kept as the note's draft. `department` is the receiving one.
 *
 * @example routeAfterBotFailure(decideRoute(input), input.department, input.triage.urgency)
 */
export function routeAfterBotFailure(
	route: RouteDecision,
	department: Department,
	urgency: string,
): BotFailureRoute {
	if (route.action !== 'reply') return { ...route, afterBotFailure: true };
	const handoff: HandoffDecision = {
		action: 'handoff',
		rule: 'opened_before_reply',
		department: route.department,
		...teamFor(department, urgency),
		reason: 'Triage had an answer ready (the draft below), but the bot may not send it now.',
		priority: priorityFor(urgency),
		...(route.outOfHours ? { outOfHours: route.outOfHours } : {}),
	};
	return { ...handoff, afterBotFailure: true };
}
