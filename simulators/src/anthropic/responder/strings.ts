import type { Constraints } from './constraints.ts';
import { cueHits, intentLabels } from './cues.ts';
import { type Facts, relevantChunks, relevantIds } from './facts.ts';
import { tokens } from './words.ts';

// Free-text fields get a value that fits their name: a reply drawn from the content, the detected
// language, a summary of the message, …; anything else gets a snippet of the message.

function firstSentence(text: string, max: number): string {
	const sentence = /^[^.!?\n]*[.!?]?/.exec(text)?.[0]?.trim() ?? '';
	const chosen = sentence.length >= 8 ? sentence : text;
	return chosen.length > max ? `${chosen.slice(0, max - 1).trimEnd()}…` : chosen;
}

/** A short answer grounded in the best-matching content, as a support reply would be. */
export function groundedReply(facts: Facts): string {
	const used = relevantChunks(facts);
	if (used.length) return used.map((m) => m.answer ?? m.text).join(' ');
	return 'Thanks for your message. A member of our team will get back to you shortly.';
}

function summary(facts: Facts): string {
	return facts.userText ? firstSentence(facts.userText, 140) : 'Empty message.';
}

function reason(facts: Facts): string {
	if (facts.matches.length === 0) return 'The provided content does not cover this message.';
	const ids = relevantIds(facts);
	return `The message matches the provided content${ids.length ? ` (${ids.join(', ')})` : ''}.`;
}

// Words that say how someone asks, not what about ("I'd like to…", "quisiera…").
const fillers = new Set(
	'like would want need wanted wondering know quisiera quiero gustaria necesito saber'.split(' '),
);

/** What the message is about: the topic its cue words point at most, else its first real word. */
function intentLabel(facts: Facts): string {
	let best: string | undefined;
	let bestHits = 0;
	for (const [cue, intent] of intentLabels) {
		const hits = cueHits(cue, facts.foldedUserText);
		if (hits > bestHits) {
			best = intent;
			bestHits = hits;
		}
	}
	return best ?? facts.userWords.find((word) => !fillers.has(word)) ?? 'other';
}

function found(pattern: RegExp, text: string): string | undefined {
	return pattern.exec(text)?.[0];
}

const byName: Array<[RegExp, (facts: Facts) => string]> = [
	[/(^|_)ids?$|(^|_)refs?$|_id_/, (f) => relevantIds(f)[0] ?? 'none'],
	[/e_?mail/, (f) => found(/[\w.+-]+@[\w-]+\.[\w.-]+/, f.userText) ?? 'customer@example.com'],
	[/phone|tel/, (f) => found(/\+?\d[\d\s-]{6,}\d/, f.userText) ?? '+15550100'],
	[/url|link|uri/, (f) => found(/https?:\/\/\S+/, f.userText) ?? 'https://example.com/'],
	[/lang|locale/, (f) => f.language],
	[/summary|title|subject|headline/, summary],
	[/reason|explanation|rationale|justification|why/, reason],
	[/reply|answer|response|message|draft|caption|text|body|content/, groundedReply],
	[/intent|topic|category/, intentLabel],
	[/keyword/, (f) => f.userWords[0] ?? 'other'],
];

/** snake_case words of a property name, so `suggestedReply` and `suggested_reply` read alike. */
export function nameWords(name: string): string {
	return tokens(name.replace(/([a-z\d])([A-Z])/g, '$1_$2')).join('_');
}

function byFormat(format: string, facts: Facts): string | undefined {
	const iso = facts.now.toISOString();
	const formats: Record<string, string> = {
		'date-time': iso.replace(/\.\d{3}Z$/, 'Z'),
		date: iso.slice(0, 10),
		time: iso.slice(11, 19) + 'Z',
		duration: 'PT1H',
		email: found(/[\w.+-]+@[\w-]+\.[\w.-]+/, facts.userText) ?? 'customer@example.com',
		hostname: 'example.com',
		uri: found(/https?:\/\/\S+/, facts.userText) ?? 'https://example.com/',
		ipv4: '192.0.2.1',
		ipv6: '2001:db8::1',
		uuid: '00000000-0000-4000-8000-000000000000',
	};
	return formats[format];
}

function fitLength(value: string, { minLength, maxLength }: Constraints): string {
	let fitted = value;
	if (minLength !== undefined && fitted.length < minLength) {
		fitted = fitted.padEnd(minLength, fitted.length ? ` ${fitted}` : 'x');
	}
	if (maxLength !== undefined && fitted.length > maxLength) fitted = fitted.slice(0, maxLength);
	return fitted;
}

export function generateString(name: string, constraints: Constraints, facts: Facts): string {
	const formatted = constraints.format ? byFormat(constraints.format, facts) : undefined;
	if (formatted !== undefined) return formatted;
	const words = nameWords(name);
	const rule = byName.find(([pattern]) => pattern.test(words));
	const value = rule ? rule[1](facts) : facts.userText ? firstSentence(facts.userText, 80) : 'n/a';
	return fitLength(value, constraints);
}
