// Sending what the booking chat says through Chatwoot, and a reminder: the chat template while the
// customer's 24-hour window is open, the Meta-approved WhatsApp template once it has closed
// (Chatwoot's `can_reply` tells which; reference/chatwoot.md §2.4.2).
import type { ChatwootClient, TemplateParams } from '../chatwoot/index.ts';
import type { BusinessInfo, ContentReader } from '../content/index.ts';
import { renderMessage, TemplateNotFoundError, type RenderedMessage } from '../templates/index.ts';
import type { AppointmentView } from './backend.ts';
import type { BookingMessage } from './offer-message.ts';

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

/** The `send` of deliverReminder: to the conversation the appointment was booked in. */
export function chatReminderSender(
	deps: ReminderSenderDeps,
): (appointment: AppointmentView, offsetMinutes: number) => Promise<void> {
	return async (appointment) => {
		if (!appointment.conversationId) {
			throw new Error(`booking: appointment ${appointment.id} has no conversation to remind in`);
		}
		const conversation = await deps.chatwoot.conversations.get(appointment.conversationId);
		const channel = conversation.can_reply ? 'whatsapp_session' : 'whatsapp_template';
		const language = appointment.language ?? 'en';
		const template = await deps.reader.messageTemplate(REMINDER_TEMPLATE, language, { channel });
		if (!template) throw new TemplateNotFoundError({ key: REMINDER_TEMPLATE, language });
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
	};
}
