// The estimate marketing sees before scheduling: how many people, how long at the number's rate,
// and how much of the portfolio's 24-hour messaging limit (reference/meta.md §3.7) it takes.

export interface EstimateInput {
	/** After opt-outs and suppression. */
	recipients: number;
	excluded: number;
	/** The sending number's messages per second (80 by default, 1,000 after Meta's upgrade). */
	ratePerSecond: number;
	/** Recipients whose 24-hour window is closed: only they count towards the messaging limit. */
	outsideWindow: number;
	/** Unique people a day outside the window for the whole portfolio; null: unlimited. */
	messagingLimit: number | null;
	/** Groups defined by Chatwoot labels or a stage that could not be counted here (at start they are). */
	uncountedGroups?: number;
}

export interface BroadcastEstimate {
	recipients: number;
	excluded: number;
	ratePerSecond: number;
	/** At the rate, never faster. */
	seconds: number;
	outsideWindow: number;
	messagingLimit: number | null;
	/** outsideWindow / messagingLimit, e.g. 0.4; null when unlimited. */
	limitShare: number | null;
	/** Label- or stage-defined groups not in the counts above: their contacts are found at start. */
	uncountedGroups: number;
}

export function estimateBroadcast(input: EstimateInput): BroadcastEstimate {
	const rate = Math.max(1, input.ratePerSecond);
	return {
		recipients: input.recipients,
		excluded: input.excluded,
		ratePerSecond: rate,
		seconds: Math.ceil(input.recipients / rate),
		outsideWindow: input.outsideWindow,
		messagingLimit: input.messagingLimit,
		uncountedGroups: input.uncountedGroups ?? 0,
		limitShare:
			input.messagingLimit === null || input.messagingLimit <= 0
				? null
				: Math.round((input.outsideWindow / input.messagingLimit) * 1000) / 1000,
	};
}

/** The estimate in marketing's words, for the broadcast's note. */
export function estimateText(estimate: BroadcastEstimate): string {
	const people = (count: number) => `${count} ${count === 1 ? 'person' : 'people'}`;
	const duration =
		estimate.seconds < 60 ? `${estimate.seconds} s` : `${Math.ceil(estimate.seconds / 60)} min`;
	const parts = [
		`Goes to ${people(estimate.recipients)} (${estimate.excluded} left out: opted out).`,
		`Takes about ${duration} at ${estimate.ratePerSecond} messages a second.`,
	];
	if (estimate.uncountedGroups > 0) {
		parts.push(
			`Plus the contacts of ${estimate.uncountedGroups} group(s) defined by Chatwoot labels or a stage, found when it starts.`,
		);
	}
	if (estimate.limitShare !== null && estimate.messagingLimit !== null) {
		parts.push(
			`Uses ${Math.round(estimate.limitShare * 100)}% of the ${estimate.messagingLimit} people a day WhatsApp allows outside the 24-hour window.`,
		);
	}
	return parts.join(' ');
}
