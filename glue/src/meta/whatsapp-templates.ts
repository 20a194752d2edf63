// Template message components with Meta's field names (reference/meta.md §3.2).

type Media = { link: string } | { id: string };

export type TemplateParameter =
	| { type: 'text'; text: string; parameter_name?: string }
	| {
			type: 'currency';
			currency: { fallback_value: string; code: string; amount_1000: number };
			parameter_name?: string;
	  }
	| { type: 'date_time'; date_time: { fallback_value: string }; parameter_name?: string }
	| { type: 'image'; image: Media }
	| { type: 'video'; video: Media }
	| { type: 'document'; document: Media & { filename?: string } }
	| { type: 'payload'; payload: string }
	| { type: 'coupon_code'; coupon_code: string };

export type TemplateComponent =
	| { type: 'header' | 'body'; parameters: TemplateParameter[] }
	| {
			type: 'button';
			sub_type: 'quick_reply' | 'url' | 'copy_code' | 'flow';
			index: string;
			parameters: TemplateParameter[];
	  };
