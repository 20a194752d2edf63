// Sending what the booking chat says through Chatwoot, and a reminder: the chat template while the
// customer's 24-hour window is open, the Meta-approved WhatsApp template once it has closed
// (Chatwoot's `can_reply` tells which; reference/chatwoot.md §2.4.2).
import type { ChatwootClient, TemplateParams } from '../chatwoot/index.ts';
import type { BusinessInfo, ContentReader } from '../content/index.ts';
import { renderMessage, TemplateNotFoundError, type RenderedMessage } from '../templates/index.ts';
import type { AppointmentView } from './backend.ts';
import type { BookingMessage } from './offer-message.ts';
import { AppointmentMessageUndeliverableError } from './reminders.ts';

export const REMINDER_TEMPLATE = 'appointment_reminder';

export async function sendBookingMessages(
	chatwoot: Pick<ChatwootClient, 'messages'>,
	conversationId: number,
	messages: readonly BookingMessage[],
): Promise<number[]> {
	const ids: number[] = [];
	for (const message of messages) {
		const sent = await chatwoot.messages.create(conversationId, {
			...message,
			message_type: 'outgoing',
			private: false,
		});
		ids.push(sent.id);
	}
	return ids;
}

/** A rendered approved template as Chatwoot's `template_params` (body parameters by position). */
export function chatwootTemplateParams(
	rendered: RenderedMessage,
	category: string,
): TemplateParams | null {
	if (!rendered.whatsapp) return null;
	const body: Record<string, string> = {};
	for (const component of rendered.whatsapp.components) {
		if (component.type !== 'body') continue;
		component.parameters.forEach((parameter, index) => {
			if (parameter.type === 'text') body[String(index + 1)] = parameter.text;
		});
	}
	return {
		name: rendered.whatsapp.name,
		category,
		language: rendered.whatsapp.languageCode,
		processed_params: { body },
	};
}

export interface ReminderSenderDeps {
	chatwoot: Pick<ChatwootClient, 'messages' | 'conversations'>;
	reader: Pick<ContentReader, 'messageTemplate'>;
	business: BusinessInfo;
	now?: () => Date;
}

/**
 * A message about an appointment, from the template `key`, to the conversation it was booked in:
 * the chat text while the customer's window is open, the approved WhatsApp template once it has
 * closed. Throws AppointmentMessageUndeliverableError when that cannot be done at all.
 */
export async function sendAppointmentMessage(
	deps: ReminderSenderDeps,
	key: string,
	appointment: AppointmentView,
): Promise<void> {
	if (!appointment.conversationId) {
		throw new AppointmentMessageUndeliverableError(
			`booking: appointment ${appointment.id} has no conversation to write in`,
		);
	}
	const conversation = await deps.chatwoot.conversations.get(appointment.conversationId);
	const channel = conversation.can_reply ? 'whatsapp_session' : 'whatsapp_template';
	const language = appointment.language ?? 'en';
	const template = await deps.reader.messageTemplate(key, language, { channel });
	if (!template) {
		const missing = new TemplateNotFoundError({ key, language });
		if (channel === 'whatsapp_session') throw missing;
		throw new AppointmentMessageUndeliverableError(
			`booking: the customer's 24-hour WhatsApp window has closed and "${key}" has no approved WhatsApp template version (Directus → Message templates, channel WhatsApp template) in "${language}" or English`,
			{ cause: missing },
		);
	}
	const rendered = renderMessage(template, {
		locale: language,
		timeZone: appointment.customerTimeZone ?? deps.business.timeZone,
		now: deps.now?.() ?? new Date(),
		business: deps.business,
		contact: { name: appointment.customerName, language },
		appointment: appointment.facts,
	});
	const params = template.whatsapp
		? chatwootTemplateParams(rendered, template.whatsapp.category)
		: null;
	await deps.chatwoot.messages.create(appointment.conversationId, {
		content: rendered.text,
		message_type: 'outgoing',
		private: false,
		...(params ? { template_params: params } : {}),
	});
}

/** The `send` of deliverReminder: the reminder template, to the conversation it was booked in. */
export function chatReminderSender(
	deps: ReminderSenderDeps,
): (appointment: AppointmentView, offsetMinutes: number) => Promise<void> {
	return (appointment) => sendAppointmentMessage(deps, REMINDER_TEMPLATE, appointment);
}
