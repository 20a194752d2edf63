// The approved WhatsApp templates, copied from Meta on Directus's own scheduler (cron in
// WHATSAPP_TEMPLATES_SYNC_SCHEDULE, hourly by default) into whatsapp_approved_templates. Off, said
// once at debug level, while META_WHATSAPP_TOKEN or META_WABA_ID is unset.
import { defineHook } from '@directus/extensions-sdk';
import { approvedTemplatesSettings } from '@switchboard/glue/meta';
import { syncOnSchedule } from './handlers/sync-on-schedule.ts';

export default defineHook(({ schedule }, context) => {
	let settings;
	try {
		settings = approvedTemplatesSettings(context.env);
	} catch (error) {
		context.logger.error(`whatsapp templates sync: ${(error as Error).message}; the sync is off`);
		return;
	}
	if (!settings) {
		context.logger.debug(
			'whatsapp templates sync: META_WHATSAPP_TOKEN or META_WABA_ID is not set; the sync is off',
		);
		return;
	}
	const ready = settings;
	schedule(ready.schedule, () => syncOnSchedule(ready, context));
});
