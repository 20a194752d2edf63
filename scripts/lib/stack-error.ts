/**
 * A failure the person running the stack can fix. `message` is one line saying what is wrong and what
 * to do; the CLIs print it alone, without a stack trace. `detail` (e.g. the tail of a log) is optional.
 */
export class StackError extends Error {
	readonly detail: string | undefined;

	constructor(message: string, detail?: string) {
		super(message);
		this.name = 'StackError';
		this.detail = detail;
	}
}
