/** The fields of Graph's error object, in the order Meta writes them. */
export interface MetaErrorFields {
	message: string;
	type?: string;
	code: number;
	error_subcode?: number;
	error_data?: Record<string, unknown>;
	is_transient?: boolean;
	error_user_title?: string;
	error_user_msg?: string;
}

export interface MetaErrorBody {
	error: MetaErrorFields & { type: string; fbtrace_id: string };
}

/** The one builder of `{ error: { message, type, code, error_subcode?, …, fbtrace_id } }`. */
export function metaErrorBody(fields: MetaErrorFields, fbtraceId: string): MetaErrorBody {
	// Written key by key in Meta's order; undefined optional fields vanish when serialised.
	return {
		error: {
			message: fields.message,
			type: fields.type ?? 'OAuthException',
			code: fields.code,
			error_subcode: fields.error_subcode,
			error_data: fields.error_data,
			is_transient: fields.is_transient,
			error_user_title: fields.error_user_title,
			error_user_msg: fields.error_user_msg,
			fbtrace_id: fbtraceId,
		},
	};
}

/** A Graph error a handler throws; the router answers it with the status and envelope. */
export class GraphError extends Error {
	readonly status: number;
	readonly fields: MetaErrorFields;
	readonly headers: Record<string, string>;

	constructor(status: number, fields: MetaErrorFields, headers: Record<string, string> = {}) {
		super(fields.message);
		this.name = 'GraphError';
		this.status = status;
		this.fields = fields;
		this.headers = headers;
	}
}
