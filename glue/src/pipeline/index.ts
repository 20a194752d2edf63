// The inbound pipeline inside workflow 01: take the triage claim on the gateway's batch, plan what
// to do in Chatwoot with a route, and build the decision row. The n8n nodes are thin adapters of these.

// The batch the gateway forwards, and the triage claim that keeps a second delivery from being
// triaged again.
export { claimBatchForTriage, parseInboundBatch, type BatchForTriage } from './claim-inbound.ts';
export { InboundBatchError } from './inbound-batch-error.ts';
export { forwardBatchSchema, type ForwardBatch, type ForwardMessage } from './inbound-batch.ts';

// What triage reads of a batch message: its text, and what its attachments are, in words.
export { describeAttachment, messageText } from './message-text.ts';
// A batch the bot cannot read (fields missing, nothing in it): handed to a person without triage.
export { unreadableBatch, type UnreadableBatch } from './unreadable-batch.ts';

// What a route means in Chatwoot, and the decision row that records it.
export {
	planActions,
	type ActionPlan,
	type HandoffPlan,
	type PlannedTriage,
	type PlanWording,
} from './action-plan.ts';
// Chatwoot opened the conversation before the bot could answer: hand-off path only, no word.
export { isAfterBotFailure, routeAfterBotFailure, type BotFailureRoute } from './bot-failure.ts';
export {
	decisionRow,
	outcomeOf,
	triageItem,
	type DecisionFacts,
	type LoggedRoute,
	type Outcome,
	type TriageItem,
} from './decision.ts';
// The booking assistant answers instead of the triage's route (one decision, outcome booking_chat).
export {
	bookingChatRoute,
	type BookingChatInput,
	type BookingChatRoute,
	type BookingChatRule,
} from './booking-route.ts';
