/** What reached workflow 01 is not a gateway batch; the message names the fields that are wrong. */
export class InboundBatchError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InboundBatchError';
	}
}
