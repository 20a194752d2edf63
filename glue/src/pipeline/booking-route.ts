// A message the booking assistant answers instead of the triage's route (workflow 06): the
// customer is answering its question (times, time zone, service, move or cancel), or the triage
// read a wish to book, move or cancel. One decision per message: this route is what the decision
// log records (outcome `booking_chat`), beside the triage that was read.

/** Which of the two made the booking chat take the message. */
export type BookingChatRule = 'answering_booking_chat' | 'appointment_request';

export interface BookingChatRoute {
	action: 'booking_chat';
	rule: BookingChatRule;
	/** Key of the department that received the message (its services are offered). */
	department: string;
	/** What the triage read (book, change); null when the customer answers the assistant. */
	request: 'book' | 'change' | null;
}

export interface BookingChatInput {
	department: string;
	/** Whether the assistant asked this conversation something and waits for the answer. */
	awaitingAnswer: boolean;
	/** The triage's `appointment` (none, book, change; unset in the keyword fallback). */
	appointment?: string | null;
}

/** The booking route for this message, or null when the triage's own route stands. */
export function bookingChatRoute(input: BookingChatInput): BookingChatRoute | null {
	if (input.awaitingAnswer) {
		return {
			action: 'booking_chat',
			rule: 'answering_booking_chat',
			department: input.department,
			request: null,
		};
	}
	if (input.appointment === 'book' || input.appointment === 'change') {
		return {
			action: 'booking_chat',
			rule: 'appointment_request',
			department: input.department,
			request: input.appointment,
		};
	}
	return null;
}
