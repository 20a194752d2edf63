// What a variable provider is: a namespace ("contact"), the variables it offers with their types
// and a sample each (for previews), and how it finds their values for one contact and conversation.
import type { BusinessInfo, Department, OpeningHours, Promotion } from '../content/schemas.ts';

/** How a value is written for the customer (format.ts); every type is formatted with Intl. */
export type VariableType =
	| 'text'
	| 'phone'
	| 'url'
	| 'number'
	/** `{ amount, currency }` in the customer's locale, e.g. "$29.99", "29,99 US$". */
	| 'money'
	| 'date'
	| 'datetime'
	/** The weekday of an instant, e.g. "Monday", "lunes". */
	| 'weekday'
	/** The time of day of an instant, e.g. "9:00 AM", "9:00". */
	| 'time'
	/** A weekday and time, e.g. "Monday at 09:00", "lunes a las 09:00" (routing's phrase). */
	| 'opening'
	/** Weekly opening hours, e.g. "Monday–Friday 09:00–18:00 and Saturday 10:00–14:00". */
	| 'hours';

export interface Money {
	/** A number, or decimal text as Directus stores prices ("29.99"). */
	amount: number | string;
	/** ISO 4217, e.g. "USD". */
	currency: string;
}

/** The raw value of each type, before formatting. */
export interface VariableValues {
	text: string;
	phone: string;
	url: string;
	number: number;
	money: Money;
	date: Date;
	datetime: Date;
	weekday: Date;
	time: Date;
	opening: Date;
	hours: OpeningHours;
}
export type RawValue = VariableValues[VariableType];

export interface VariableSpec<T extends VariableType = VariableType> {
	/** The name inside the namespace, e.g. "first_name" for {{contact.first_name}}. */
	name: string;
	type: T;
	/** For marketing: what the variable holds. */
	description: string;
	/** Shown in previews and used to check a template's length. */
	sample: VariableValues[T];
}

/** What a conversation knows, for the providers to pick from. Missing parts give no values. */
export interface TemplateContext {
	/** The customer's language (BCP 47, e.g. "es-MX"); Intl formats in it. */
	locale: string;
	/** IANA zone times are shown in; usually the business's. */
	timeZone: string;
	now: Date;
	contact?: ContactFacts | null;
	business?: BusinessInfo | null;
	/** The department the customer writes to or waits for. */
	department?: Department | null;
	promotion?: PromotionFacts | null;
	/** The contact's current stage, as the stages code reports it. */
	stage?: StageFacts | null;
	/** The appointment a confirmation or reminder is about (appointmentFacts in appointments). */
	appointment?: AppointmentFacts | null;
	/** A broadcast or an opt-out confirmation: the subscription words in the customer's language. */
	broadcast?: BroadcastFacts | null;
}

export interface ContactFacts {
	name?: string | null;
	phone?: string | null;
	language?: string | null;
}

export type PromotionFacts = Pick<Promotion, 'title' | 'startsAt' | 'endsAt' | 'link'> & {
	/** Promotions have no price field yet: whoever sends one about a plan passes it. */
	price?: Money | null;
};

export interface BroadcastFacts {
	/** e.g. "STOP", "BAJA". */
	optOutWord?: string | null;
	/** e.g. "START", "ALTA". */
	optInWord?: string | null;
}

export interface AppointmentFacts {
	/** The service's name, e.g. "Fibre installation". */
	service: string;
	startsAt: Date;
	endsAt: Date;
	/** What the customer quotes to staff, e.g. "A1B2C3D4". */
	reference: string;
}

export interface StageFacts {
	key: string;
	/** The stage's name as staff wrote it; the key when absent. */
	name?: string | null;
}

/** The values a provider found; a variable left out or null has no value here. */
export type ResolvedValues = Partial<Record<string, RawValue | null>>;

export interface VariableProvider<
	N extends string = string,
	S extends readonly VariableSpec[] = readonly VariableSpec[],
> {
	namespace: N;
	description: string;
	variables: S;
	resolve(context: TemplateContext): ResolvedValues;
}

/** Keeps the literal namespace and variable names in the type (for VariableName). */
export function defineProvider<const N extends string, const S extends readonly VariableSpec[]>(
	provider: VariableProvider<N, S>,
): VariableProvider<N, S> {
	return provider;
}

/** "contact.first_name" and so on, for a provider defined with defineProvider. */
export type VariableNameOf<P> =
	P extends VariableProvider<infer N, infer S> ? `${N}.${S[number]['name']}` : never;
