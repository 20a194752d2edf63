// Request bodies are checked against swagger.json (the unchanged 4.15 spec) with ajv, then a
// failure is answered the way the Rails code fails, not with swagger's bad_request_error (§1).
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isRecord } from './json.ts';
import { ChatwootHttpError, httpErrors } from './http-errors.ts';
import { CONTENT_TYPES } from './message-params.ts';
import { WEBHOOK_EVENTS } from './events.ts';
import type { JsonObject } from './types.ts';

type Schema = Record<string, unknown>;

// ajv-formats is CommonJS; under nodenext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/**
 * Where swagger is stricter than the Rails code, follow the code (each line says what it accepts):
 * the simulator must not reject what the real server takes.
 */
const RELAXATIONS: Record<string, (schema: Schema) => Schema> = {
	// MessageBuilder reads content without requiring it; message_type also takes template, and
	// content_type every Message enum value.
	'post /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages': (schema) =>
		withProperties(dropRequired(schema, 'content'), {
			message_type: { type: 'string', enum: ['outgoing', 'incoming', 'template'] },
			content_type: { type: 'string', enum: [...CONTENT_TYPES] },
		}),
	// Without status, toggle_status toggles.
	'post /api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_status': (schema) =>
		dropRequired(schema, 'status'),
	// inbox_id is optional in contacts#create.
	'post /api/v1/accounts/{account_id}/contacts': (schema) => dropRequired(schema, 'inbox_id'),
	// set_agent_bot takes null to detach the bot.
	'post /api/v1/accounts/{account_id}/inboxes/{id}/set_agent_bot': (schema) =>
		withProperties(schema, { agent_bot: { type: ['number', 'null'] } }),
	// assignments take null to unassign, and assignee_type for bots.
	'post /api/v1/accounts/{account_id}/conversations/{conversation_id}/assignments': (schema) =>
		withProperties(schema, {
			assignee_id: { type: ['number', 'null'] },
			team_id: { type: ['number', 'null'] },
			assignee_type: { type: 'string' },
		}),
	// Rails enums take the name as well as the integer swagger shows (the reference's examples use
	// names); an unknown one is the handler's ArgumentError.
	'post /api/v1/accounts/{account_id}/custom_attribute_definitions': (schema) =>
		withAttributeEnums(schema),
	'patch /api/v1/accounts/{account_id}/custom_attribute_definitions/{id}': (schema) =>
		withAttributeEnums(schema),
	// The model accepts inbox_created and inbox_updated, which the spec's enum leaves out.
	'post /api/v1/accounts/{account_id}/webhooks': (schema) => withWebhookEvents(schema),
	'patch /api/v1/accounts/{account_id}/webhooks/{webhook_id}': (schema) =>
		withWebhookEvents(schema),
};

export class SwaggerValidator {
	private readonly doc: Schema;
	private readonly ajv: Ajv2020;
	private readonly cache = new Map<string, ValidateFunction | null>();

	constructor(doc: unknown = loadSwagger()) {
		if (!isRecord(doc) || !isRecord(doc.paths))
			throw new Error('chatwoot simulator: swagger.json has no paths');
		this.doc = doc;
		this.ajv = new Ajv2020({ strict: false, allErrors: false, logger: false });
		addFormats(this.ajv);
		this.ajv.addFormat('binary', true);
		this.ajv.addSchema({ $id: 'swagger', components: doc.components }, 'swagger');
	}

	/** Throws the Chatwoot-shaped 4xx for a body the real server would refuse. */
	check(method: string, expressPath: string, body: JsonObject): void {
		const validate = this.validatorFor(method.toLowerCase(), toSwaggerPath(expressPath));
		if (!validate || validate(body)) return;
		throw toChatwootError(validate.errors?.[0], body);
	}

	private validatorFor(method: string, path: string): ValidateFunction | null {
		const key = `${method} ${path}`;
		if (!this.cache.has(key)) this.cache.set(key, this.compile(key, method, path));
		return this.cache.get(key) ?? null;
	}

	private compile(key: string, method: string, path: string): ValidateFunction | null {
		const operation = dig(this.doc, ['paths', path, method]);
		const schema = dig(operation, ['requestBody', 'content', 'application/json', 'schema']);
		if (!isRecord(schema)) return null;
		const resolved = this.resolveRef(schema);
		const relax = RELAXATIONS[key];
		return this.ajv.compile(pointRefsAtSwagger(relax ? relax(resolved) : resolved));
	}

	/** Inlines a top-level $ref so a relaxation can edit the schema; nested refs stay refs. */
	private resolveRef(schema: Schema): Schema {
		const ref = schema.$ref;
		if (typeof ref !== 'string' || !ref.startsWith('#/')) return structuredClone(schema);
		const target = dig(this.doc, ref.slice(2).split('/'));
		if (!isRecord(target)) throw new Error(`chatwoot simulator: swagger ref ${ref} not found`);
		return structuredClone(target);
	}
}

/** '/api/v1/accounts/:account_id/teams/:team_id' → '/api/v1/accounts/{account_id}/teams/{team_id}' */
export function toSwaggerPath(expressPath: string): string {
	return expressPath.replace(/:(\w+)/g, '{$1}');
}

function toChatwootError(error: ErrorObject | undefined, body: JsonObject): ChatwootHttpError {
	if (!error) return httpErrors.unprocessable('Invalid request');
	if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') {
		return httpErrors.paramMissing(error.params.missingProperty);
	}
	const attribute = error.instancePath.split('/')[1] ?? 'base';
	if (attribute === 'subscriptions') {
		return httpErrors.invalidRecord([{ attribute, message: 'Subscriptions Invalid events' }]);
	}
	if (error.keyword === 'enum') {
		// Rails enums raise ArgumentError with this text; the controllers render it as {error}.
		return httpErrors.unprocessable(`'${String(body[attribute])}' is not a valid ${attribute}`);
	}
	return httpErrors.invalidRecord([{ attribute, message: `${humanize(attribute)} is invalid` }]);
}

function humanize(attribute: string): string {
	const words = attribute.replace(/_id$/, '').replace(/_/g, ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

function loadSwagger(): unknown {
	return JSON.parse(readFileSync(new URL('./swagger.json', import.meta.url), 'utf8'));
}

/** Nested `#/components/…` refs resolve against the whole document, registered as `swagger`. */
function pointRefsAtSwagger(value: unknown): Schema {
	const rewrite = (node: unknown): unknown => {
		if (Array.isArray(node)) return node.map(rewrite);
		if (!isRecord(node)) return node;
		return Object.fromEntries(
			Object.entries(node).map(([key, child]) => [
				key,
				key === '$ref' && typeof child === 'string' && child.startsWith('#/')
					? `swagger${child}`
					: rewrite(child),
			]),
		);
	};
	return rewrite(value) as Schema;
}

function dig(value: unknown, keys: string[]): unknown {
	let current = value;
	for (const key of keys)
		current = isRecord(current) ? current[key.replace(/~1/g, '/')] : undefined;
	return current;
}

function dropRequired(schema: Schema, property: string): Schema {
	const required = Array.isArray(schema.required) ? schema.required : [];
	return { ...schema, required: required.filter((r) => r !== property) };
}

function withProperties(schema: Schema, properties: Schema): Schema {
	const current = isRecord(schema.properties) ? schema.properties : {};
	return { ...schema, properties: { ...current, ...properties } };
}

function withAttributeEnums(schema: Schema): Schema {
	return withProperties(schema, {
		attribute_display_type: { type: ['integer', 'string'] },
		attribute_model: { type: ['integer', 'string'] },
	});
}

function withWebhookEvents(schema: Schema): Schema {
	return withProperties(schema, {
		subscriptions: { type: 'array', items: { type: 'string', enum: [...WEBHOOK_EVENTS] } },
	});
}
