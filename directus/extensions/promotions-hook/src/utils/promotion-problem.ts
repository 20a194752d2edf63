/** One thing wrong with a promotion, named by its Directus field. */
export interface PromotionProblem {
	field: string;
	/** A sentence that starts with the field, e.g. `"ends_at" must be after "starts_at" (…)`. */
	message: string;
}

/** A promotion as Directus stores it (snake_case fields); on update, the saved one with the edit. */
export type PromotionRecord = Record<string, unknown>;

/** The value as an editor would recognise it in a message, shortened. */
export function shown(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 42 ? `${text.slice(0, 40)}…` : text;
}
