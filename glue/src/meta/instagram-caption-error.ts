import { MetaError } from './meta-error.ts';

export type CaptionLimit = 'characters' | 'hashtags' | 'mentions';

/** A caption over Instagram's limits, caught before calling Meta (which would answer #36004). */
export class InstagramCaptionError extends MetaError {
	override readonly code = 'META_INSTAGRAM_CAPTION';
	readonly limit: CaptionLimit;
	readonly actual: number;
	readonly max: number;

	constructor(fields: { limit: CaptionLimit; actual: number; max: number }) {
		const what = fields.limit === 'mentions' ? '@ tags' : fields.limit;
		super(
			`Instagram caption has ${fields.actual} ${what}; Instagram allows at most ${fields.max}. ` +
				'Shorten it before publishing.',
		);
		this.name = 'InstagramCaptionError';
		this.limit = fields.limit;
		this.actual = fields.actual;
		this.max = fields.max;
	}
}
