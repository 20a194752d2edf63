import { ProductionError } from './production-error.ts';

/** A template names variables that .env leaves unset or empty. */
export class TemplateVariableError extends ProductionError {
	override readonly code = 'TEMPLATE_VARIABLE_MISSING';
	readonly template: string;
	readonly variables: string[];

	constructor(fields: { template: string; variables: string[] }) {
		super(
			`${fields.template} needs ${fields.variables.join(', ')}: set ${fields.variables.length > 1 ? 'them' : 'it'} in .env (see .env.example).`,
		);
		this.name = 'TemplateVariableError';
		this.template = fields.template;
		this.variables = fields.variables;
	}
}
