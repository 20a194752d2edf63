/** One environment variable the gateway reads is missing or wrong. */
export interface ConfigIssue {
	variable: string;
	message: string;
}

/** The environment cannot run the gateway; it refuses to start and names every bad variable. */
export class GatewayConfigError extends Error {
	readonly code = 'GATEWAY_INVALID_CONFIG';
	readonly issues: ConfigIssue[];

	constructor(issues: ConfigIssue[]) {
		const list = issues.map((issue) => `${issue.variable}: ${issue.message}`).join('; ');
		super(`gateway: invalid environment (${list}); see .env.example, section Gateway`);
		this.name = 'GatewayConfigError';
		this.issues = issues;
	}
}
