import type { Facts } from './facts.ts';
import { groundedReply } from './strings.ts';

/** The short text a plain (unstructured) request gets: which words it understood, then the content. */
export function textAnswer(facts: Facts): string {
	const about = facts.userWords.slice(0, 3);
	const opening = about.length ? `You asked about ${about.join(', ')}.` : 'Hello!';
	return `${opening} ${groundedReply(facts)}`;
}
