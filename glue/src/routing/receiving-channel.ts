/** What a message was received on, as the inbound webhook tells it. */
export type ReceivingChannel =
	/** Meta's `value.metadata.phone_number_id`: the sure key (reference/meta.md §2). */
	| { by: 'phone_number_id'; value: string }
	/** A display number in any writing: "+1 555-000-0001", "15550000001", "0015550000001". */
	| { by: 'whatsapp_number'; value: string }
	/** The Chatwoot inbox id (n8n items may carry it as a string). */
	| { by: 'inbox_id'; value: number | string };
