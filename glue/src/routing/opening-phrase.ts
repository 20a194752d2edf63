// "Monday at 09:00", "lunes a las 09:00": when the team is back, in the customer's language.
import { wallClock } from '../common/zoned-time.ts';

type Joiner = (weekday: string, time: string, hour: number) => string;

// Intl names the weekday and writes the time; it has no "at", so the languages we serve get their
// own connector. Any other language gets Intl's own weekday-plus-time pattern.
const JOINERS: Record<string, Joiner> = {
	en: (weekday, time) => `${weekday} at ${time}`,
	// "a la una", "a las dos": Spanish agrees the article with the hour.
	es: (weekday, time, hour) => `${weekday} a ${hour === 1 ? 'la' : 'las'} ${time}`,
	pt: (weekday, time, hour) => `${weekday} ${hour <= 1 ? 'à' : 'às'} ${time}`,
	fr: (weekday, time) => `${weekday} à ${time}`,
	de: (weekday, time) => `${weekday} um ${time}`,
};

/** A BCP 47 tag the runtime can format in, or "en" for anything unusable. */
export function resolveLanguage(language: string | null | undefined): string {
	try {
		const [canonical] = Intl.getCanonicalLocales(language?.trim() || 'en');
		if (canonical && Intl.DateTimeFormat.supportedLocalesOf(canonical).length > 0) return canonical;
	} catch {
		// A malformed tag (e.g. "spanish!") is the AI's guess, not a reason to fail the routing.
	}
	return 'en';
}

/** The weekday and 24-hour time of `at` on the business's wall clock, in `language`. */
export function openingPhrase(at: Date, timeZone: string, language?: string | null): string {
	const locale = resolveLanguage(language);
	const clock = { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' } as const;
	const joiner = JOINERS[locale.split('-')[0] ?? ''];
	if (!joiner) {
		return new Intl.DateTimeFormat(locale, { ...clock, weekday: 'long' }).format(at);
	}
	const weekday = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long' }).format(at);
	const time = new Intl.DateTimeFormat(locale, clock).format(at);
	return joiner(weekday, time, wallClock(at, timeZone).hour);
}
