import type { INodeProperties } from 'n8n-workflow';
import type { PollOptions } from '@switchboard/glue/meta';

export interface PollSeconds {
	pollIntervalSeconds?: number;
	maxWaitSeconds?: number;
}

/**
 * The Options entries for waiting on Instagram's processing; `prefix` names the platform where the
 * operation posts to several. The defaults are Meta's advice (poll once a minute, give up after
 * five), the same numbers the library uses for a caller that sets nothing.
 */
export function pollProperties(prefix = ''): INodeProperties[] {
	return [
		{
			displayName: `${prefix}Max Wait (Seconds)`,
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300,
			description: 'How long to wait for Instagram to process the image before giving up',
		},
		{
			displayName: `${prefix}Poll Interval (Seconds)`,
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description: "How often to ask whether Instagram's processing has finished",
		},
	];
}

const toMs = (seconds: number | undefined) => (seconds === undefined ? undefined : seconds * 1000);

/** Seconds as the node takes them, in the library's milliseconds; an unset one keeps its default. */
export function pollOptionsOf(options: PollSeconds): PollOptions {
	return {
		pollIntervalMs: toMs(options.pollIntervalSeconds),
		maxWaitMs: toMs(options.maxWaitSeconds),
	};
}
