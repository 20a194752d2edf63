// Event names and routing rules from Webhook::ALLOWED_WEBHOOK_EVENTS and AgentBotListener (§2.3, §2.5).

export const WEBHOOK_EVENTS = [
	'conversation_status_changed',
	'conversation_updated',
	'conversation_created',
	'contact_created',
	'contact_updated',
	'message_created',
	'message_updated',
	'webwidget_triggered',
	'inbox_created',
	'inbox_updated',
	'conversation_typing_on',
	'conversation_typing_off',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The DB default for `subscriptions`: the first eight events (no inbox or typing events). */
export const DEFAULT_SUBSCRIPTIONS: readonly WebhookEvent[] = WEBHOOK_EVENTS.slice(0, 8);

/** Sent to agent bots only, never to account webhooks. */
export type BotOnlyEvent = 'conversation_opened' | 'conversation_resolved';
export type EventName = WebhookEvent | BotOnlyEvent;

export const BOT_EVENTS: ReadonlySet<EventName> = new Set<EventName>([
	'message_created',
	'message_updated',
	'conversation_status_changed',
	'conversation_updated',
	'conversation_opened',
	'conversation_resolved',
	'webwidget_triggered',
]);

export function isWebhookEvent(name: string): name is WebhookEvent {
	return (WEBHOOK_EVENTS as readonly string[]).includes(name);
}

export type Payload = Record<string, unknown>;

export interface SimEvent {
	name: EventName;
	accountId: number;
	/** Internal conversation id, for routing to the inbox bot and the assigned bot. */
	conversationId: number | null;
	/**
	 * Builds the payload. Agent bots get it at commit time; account webhooks get it when the
	 * dispatcher job runs, so it can show newer state than the event (pain point 6 in §5).
	 */
	build: () => Payload;
}

export interface EventSink {
	emit(event: SimEvent): void;
}
