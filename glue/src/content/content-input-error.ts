import { ContentError } from './content-error.ts';

/** What the caller passed is unusable; the message names the field. */
export class ContentInputError extends ContentError {
	override readonly code: string = 'CONTENT_INPUT_ERROR';
	override readonly httpStatus: number = 400;

	constructor(message: string) {
		super(message);
		this.name = 'ContentInputError';
	}
}
