import type { Response } from 'express';
import { isText, isThinking, isToolUse, type OutputBlock, type SimMessage } from './message.ts';

interface SseEvent {
	event: string;
	data: Record<string, unknown>;
}

// Small slices so clients see several deltas, as they do from the real API.
const sliceLength = 24;

function slices(text: string): string[] {
	const parts: string[] = [];
	for (let i = 0; i < text.length; i += sliceLength) parts.push(text.slice(i, i + sliceLength));
	return parts;
}

function blockEvents(block: OutputBlock, index: number): { start: SseEvent; deltas: SseEvent[] } {
	const delta = (d: Record<string, unknown>): SseEvent => ({
		event: 'content_block_delta',
		data: { type: 'content_block_delta', index, delta: d },
	});
	const start = (content_block: Record<string, unknown>): SseEvent => ({
		event: 'content_block_start',
		data: { type: 'content_block_start', index, content_block },
	});
	if (isText(block)) {
		return {
			start: start({ ...block, text: '' }),
			deltas: slices(block.text).map((text) => delta({ type: 'text_delta', text })),
		};
	}
	if (isThinking(block)) {
		return {
			start: start({ type: 'thinking', thinking: '', signature: '' }),
			deltas: [
				...slices(block.thinking).map((thinking) => delta({ type: 'thinking_delta', thinking })),
				delta({ type: 'signature_delta', signature: block.signature }),
			],
		};
	}
	if (isToolUse(block)) {
		// The first input_json_delta is empty on the real API.
		return {
			start: start({ ...block, input: {} }),
			deltas: ['', ...slices(JSON.stringify(block.input))].map((partial_json) =>
				delta({ type: 'input_json_delta', partial_json }),
			),
		};
	}
	return { start: start(block), deltas: [] };
}

/**
 * The event sequence of reference §7.1: message_start, per block start/deltas/stop (one ping after
 * the first start), message_delta with cumulative usage, message_stop. A stream error replaces
 * everything after the first delta.
 */
export function messageEvents(
	message: SimMessage,
	streamError?: { type: string; message: string },
): SseEvent[] {
	const events: SseEvent[] = [
		{
			event: 'message_start',
			data: {
				type: 'message_start',
				message: {
					...message,
					content: [],
					stop_reason: null,
					stop_sequence: null,
					usage: { ...message.usage, output_tokens: 1 },
				},
			},
		},
	];
	message.content.forEach((block, index) => {
		const { start, deltas } = blockEvents(block, index);
		events.push(start);
		if (index === 0) events.push({ event: 'ping', data: { type: 'ping' } });
		events.push(...deltas, {
			event: 'content_block_stop',
			data: { type: 'content_block_stop', index },
		});
	});
	if (streamError) {
		const firstDelta = events.findIndex((e) => e.event === 'content_block_delta');
		const cut = firstDelta >= 0 ? firstDelta + 1 : events.length;
		return [
			...events.slice(0, cut),
			{ event: 'error', data: { type: 'error', error: streamError } },
		];
	}
	const { stop_reason, stop_sequence, stop_details, usage } = message;
	events.push(
		{
			event: 'message_delta',
			data: { type: 'message_delta', delta: { stop_reason, stop_sequence, stop_details }, usage },
		},
		{ event: 'message_stop', data: { type: 'message_stop' } },
	);
	return events;
}

/** Every event gets its `event:` line: the SDK drops data-only events (reference §7.2). */
export function writeSse(res: Response, events: readonly SseEvent[]): void {
	res
		.status(200)
		.set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
	for (const { event, data } of events)
		res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
	res.end();
}
