// Broadcasts: every save that changes the status is checked (handlers/check-status.ts); becoming
// Scheduled also runs the checks of @switchboard/glue/audience and writes the estimate. The sender
// process picks scheduled and cancelled broadcasts up from Directus within a second.
import { defineHook } from '@directus/extensions-sdk';
import type { PrimaryKey } from '@directus/types';
import { checkCreate, checkUpdate, type BroadcastPayload } from './handlers/check-status.ts';

export default defineHook(({ filter }, context) => {
	filter<BroadcastPayload>('broadcasts.items.create', (payload, _meta, event) =>
		checkCreate(payload, event, context),
	);
	filter<BroadcastPayload>('broadcasts.items.update', (payload, meta, event) =>
		checkUpdate(payload, meta.keys as PrimaryKey[], event, context),
	);
});
