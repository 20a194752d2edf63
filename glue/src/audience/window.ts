// WhatsApp's customer-service window (reference/meta.md §3.7): for 24 h after the customer's last
// message a free-form message may go; outside it only an approved template. Our own messages do not
// reopen it, so only the customer's last message counts.
import type { BroadcastMessage, TemplateForm } from '../broadcasts/model.ts';

export type { BroadcastMessage };

export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface CustomerServiceWindow {
	open: boolean;
	/** When it closes (or closed); null when the customer never wrote. */
	closesAt: Date | null;
}

export function customerServiceWindow(
	lastCustomerMessageAt: Date | null | undefined,
	now: Date,
): CustomerServiceWindow {
	if (!lastCustomerMessageAt) return { open: false, closesAt: null };
	const closesAt = new Date(lastCustomerMessageAt.getTime() + CUSTOMER_SERVICE_WINDOW_MS);
	return { open: now.getTime() < closesAt.getTime(), closesAt };
}

/** An approved template as the Cloud API's template send takes it (the sender's form). */
export type TemplateMessage = TemplateForm;

/**
 * The message one recipient may get now: the free-form text when their window is open and marketing
 * wrote one (a WhatsApp-message version of the template), else the approved template. Null when
 * neither may go: outside the window with no approved template, nothing is sent.
 */
export function messageForWindow(
	window: CustomerServiceWindow,
	forms: { template: TemplateMessage | null; text: string | null },
): BroadcastMessage | null {
	if (window.open && forms.text !== null && forms.text.trim() !== '') {
		return {
			kind: 'text',
			body: forms.text,
			...(forms.template ? { fallbackTemplate: forms.template } : {}),
		};
	}
	return forms.template;
}
