import { type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import type { MetaCredential } from '../../../../shared/clients';

export function instagramAccountOf(
	context: IExecuteFunctions,
	credential: MetaCredential,
	i: number,
): string {
	const id = credential.instagramAccountId?.trim();
	if (!id) {
		throw new NodeOperationError(
			context.getNode(),
			'The Meta credential has no Instagram Account ID: add the account linked to the Page',
			{ itemIndex: i },
		);
	}
	return id;
}
