import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { StageTransition } from '@switchboard/glue/stages';

/** The contact the operation is about, from its parameters. */
export function contactKey(
	context: IExecuteFunctions,
	i: number,
): { accountId: number; contactId: number } {
	return {
		accountId: context.getNodeParameter('accountId', i) as number,
		contactId: context.getNodeParameter('contactId', i) as number,
	};
}

/** A transition as n8n items carry it: dates as ISO text. */
export function transitionItem(transition: StageTransition | null): IDataObject | null {
	return transition ? { ...transition, at: transition.at.toISOString() } : null;
}
