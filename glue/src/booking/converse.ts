// One customer message to the booking assistant, end to end: who and where from Chatwoot, the turn,
// the templates, and the answer sent back. What the n8n node and the demo call.
import type Anthropic from '@anthropic-ai/sdk';
import type { ChatwootClient } from '../chatwoot/index.ts';
import type { ContentReader } from '../content/index.ts';
import { chatReminderSender, sendBookingMessages } from './chat.ts';
import { deliverReminder, type ReminderJob, type ReminderOutcome } from './reminders.ts';
import type { ChoiceClient } from './read-choice.ts';
import { templateRenderer } from './render.ts';
import type { BookingRuntime } from './runtime.ts';
import { handleBookingTurn, type BookingTurnOutcome } from './turn.ts';

export interface BookingMessageInput {
	conversationId: number;
	/** The customer's newest message (several in a row joined by new lines). */
	text: string;
	/** The triage's reading: book, change, or none/null when answering our question. */
	request: string | null;
	language: string | null;
	department: string | null;
}

export interface BookingMessageDeps {
	runtime: BookingRuntime;
	chatwoot: Pick<ChatwootClient, 'conversations' | 'messages'>;
	reader: Pick<ContentReader, 'messageTemplate' | 'businessInfo'>;
	claude: Anthropic | ChoiceClient;
	model: string;
}

export interface BookingMessageResult {
	outcome: BookingTurnOutcome;
	appointmentId: string | null;
	messageIds: number[];
}

export async function answerBookingMessage(
	deps: BookingMessageDeps,
	input: BookingMessageInput,
): Promise<BookingMessageResult> {
	const conversation = await deps.chatwoot.conversations.get(input.conversationId);
	const contact = conversation.meta.sender;
	const business = await deps.reader.businessInfo();
	const request = input.request === 'book' || input.request === 'change' ? input.request : null;
	const result = await handleBookingTurn(
		{
			db: deps.runtime.pool,
			backend: deps.runtime.backend,
			claude: deps.claude as ChoiceClient,
			model: deps.model,
			render: templateRenderer(deps.reader, business, {
				name: contact.name,
				phone: contact.phone_number,
			}),
			after: deps.runtime.after,
		},
		{
			accountId: conversation.account_id,
			contactId: contact.id,
			conversationId: input.conversationId,
			channel: conversation.meta.channel,
			language: input.language || 'en',
			text: input.text,
			phone: contact.phone_number,
			name: contact.name,
			email: contact.email,
			request,
			department: input.department,
			businessTimeZone: business.timeZone,
			services: deps.runtime.catalog.services,
			rules: deps.runtime.catalog.settings,
		},
	);
	const messageIds = await sendBookingMessages(
		deps.chatwoot,
		input.conversationId,
		result.messages,
	);
	return { outcome: result.outcome, appointmentId: result.appointmentId, messageIds };
}

/** A due reminder job (workflow 07): re-checked, claimed once, sent by the chat's rules. */
export async function sendDueReminder(
	deps: Omit<BookingMessageDeps, 'claude' | 'model'>,
	job: ReminderJob,
): Promise<ReminderOutcome> {
	const business = await deps.reader.businessInfo();
	return await deliverReminder(
		{
			db: deps.runtime.pool,
			backend: deps.runtime.backend,
			send: chatReminderSender({ chatwoot: deps.chatwoot, reader: deps.reader, business }),
		},
		job,
	);
}
