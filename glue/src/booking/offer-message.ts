// The times offered, as the customer sees them: a WhatsApp interactive list where the channel has
// one (Chatwoot `input_select`, sent by Chatwoot as a list or buttons), numbered lines otherwise.
// The sentence around them comes from a message template; only dates and numbers are written here.

export interface OfferedSlot {
	start: Date;
	end: Date;
}

export interface OfferItem {
	/** What the customer sees, and what WhatsApp sends back when they tap it. */
	title: string;
	/** The option's number, 1-based. */
	value: string;
}

/** A Chatwoot message as the create-message call takes it. */
export interface BookingMessage {
	content: string;
	content_type?: 'input_select';
	content_attributes?: { items: OfferItem[] };
}

/** Channels whose Chatwoot inbox turns `input_select` into a native picker. */
const INTERACTIVE_CHANNELS = new Set([
	'whatsapp',
	'Channel::Whatsapp',
	'web_widget',
	'Channel::WebWidget',
]);

// WhatsApp refuses a list row title over 24 characters.
const TITLE_LIMIT = 24;

/** "Tue 9 Mar, 15:00" in the customer's language and zone; short enough for a list row. */
export function slotLabel(slot: OfferedSlot, locale: string, timeZone: string): string {
	const format = (options: Intl.DateTimeFormatOptions) =>
		new Intl.DateTimeFormat(locale, { timeZone, ...options }).format(slot.start);
	const day = format({ weekday: 'short', day: 'numeric', month: 'short' });
	const time = format({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
	const label = `${day}, ${time}`;
	return label.length <= TITLE_LIMIT
		? label
		: `${format({ day: 'numeric', month: 'numeric' })} ${time}`;
}

export function offerItems(
	slots: readonly OfferedSlot[],
	locale: string,
	timeZone: string,
): OfferItem[] {
	return slots.map((slot, index) => ({
		title: slotLabel(slot, locale, timeZone),
		value: String(index + 1),
	}));
}

export function offerMessage(input: {
	intro: string;
	slots: readonly OfferedSlot[];
	locale: string;
	timeZone: string;
	channel: string;
}): BookingMessage {
	return choiceMessage(
		input.intro,
		offerItems(input.slots, input.locale, input.timeZone).map((item) => item.title),
		input.channel,
	);
}

/** A title as a list row shows it (and WhatsApp sends it back): cut to WhatsApp's limit. */
export function listTitle(title: string): string {
	return title.length <= TITLE_LIMIT ? title : `${title.slice(0, TITLE_LIMIT - 1)}…`;
}

/**
 * A question with numbered options (times, time zones, services): a list where the channel has
 * one, numbered lines otherwise. A title over WhatsApp's limit is cut, not refused.
 */
export function choiceMessage(
	intro: string,
	titles: readonly string[],
	channel: string,
): BookingMessage {
	const items = titles.map((title, index) => ({
		title: listTitle(title),
		value: String(index + 1),
	}));
	if (INTERACTIVE_CHANNELS.has(channel)) {
		return { content: intro, content_type: 'input_select', content_attributes: { items } };
	}
	const lines = titles.map((title, index) => `${index + 1}. ${title}`);
	return { content: [intro, '', ...lines].join('\n') };
}
