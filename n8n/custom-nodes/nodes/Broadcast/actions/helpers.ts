import type { IExecuteFunctions } from 'n8n-workflow';
import { directusBroadcastRecords, type BroadcastRecords } from '@switchboard/glue/audience';
import { connectDirectus } from '@switchboard/glue/content';
import { directusConnectionFor } from '../../../shared/clients';

/** Directus's broadcast collections, with the node's Switchboard Directus API credential. */
export async function broadcastRecordsFor(context: IExecuteFunctions): Promise<BroadcastRecords> {
	return directusBroadcastRecords(connectDirectus<object>(await directusConnectionFor(context)));
}
