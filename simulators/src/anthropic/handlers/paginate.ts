import { z } from 'zod/v4';

export const pageQuery = z.object({
	limit: z.coerce.number().int().min(1).max(1000).default(20),
	after_id: z.string().optional(),
	before_id: z.string().optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;

export interface Page<T> {
	data: T[];
	has_more: boolean;
	first_id: string | null;
	last_id: string | null;
}

/** The API's cursor pages (`after_id` / `before_id` / `limit`), which the SDK's `Page` walks. */
export function paginate<T extends { id: string }>(items: readonly T[], query: PageQuery): Page<T> {
	const { limit, after_id, before_id } = query;
	const from = after_id ? items.findIndex((item) => item.id === after_id) + 1 : 0;
	const to = before_id ? items.findIndex((item) => item.id === before_id) : items.length;
	const window = items.slice(from, to < 0 ? items.length : to);
	const data = before_id ? window.slice(-limit) : window.slice(0, limit);
	return {
		data,
		has_more: window.length > data.length,
		first_id: data[0]?.id ?? null,
		last_id: data.at(-1)?.id ?? null,
	};
}
