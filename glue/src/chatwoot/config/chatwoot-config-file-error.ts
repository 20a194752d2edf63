export interface ConfigIssue {
	/** Where in the file, e.g. `departments[1].whatsapp[0].number`; empty for the whole file. */
	path: string;
	message: string;
}

/** The configuration file cannot be read, is not YAML/JSON, or breaks the schema. */
export class ChatwootConfigFileError extends Error {
	readonly code = 'CHATWOOT_CONFIG_INVALID';
	readonly file: string;
	readonly issues: ConfigIssue[];

	constructor(fields: { file: string; issues: ConfigIssue[]; cause?: unknown }) {
		const lines = fields.issues.map((issue) =>
			issue.path ? `  ${issue.path}: ${issue.message}` : `  ${issue.message}`,
		);
		super(`chatwoot config: ${fields.file} is not valid:\n${lines.join('\n')}`, {
			cause: fields.cause,
		});
		this.name = 'ChatwootConfigFileError';
		this.file = fields.file;
		this.issues = fields.issues;
	}
}
