// Custom attribute definitions (CustomAttributeDefinitionsController). The controller authorizes
// nothing beyond account membership, so agents may define attributes too; bots may not (not on the
// bot whitelist). Values set on conversations and contacts are never checked against these.
import { httpErrors } from './http-errors.ts';
import { restCustomAttributeDefinition } from './present-rest.ts';
import { intParam, type Handler } from './route.ts';
import type { ChatwootState } from './state.ts';
import type {
	Account,
	AttributeDisplayType,
	AttributeModel,
	CustomAttributeDefinition,
	JsonObject,
} from './types.ts';

// Rails enums: each name maps to its integer, and either may be assigned.
const MODELS: readonly AttributeModel[] = ['conversation_attribute', 'contact_attribute'];
const DISPLAY_TYPES: readonly AttributeDisplayType[] = [
	'text',
	'number',
	'currency',
	'percent',
	'link',
	'date',
	'list',
	'checkbox',
];
const KEY_FORMAT = /^[\p{L}\p{N}_.-]+$/u;
// CustomAttributeDefinition::STANDARD_ATTRIBUTES: a new definition may not shadow these.
const STANDARD_KEYS: Record<AttributeModel, readonly string[]> = {
	conversation_attribute: [
		'status',
		'priority',
		'assignee_id',
		'inbox_id',
		'team_id',
		'display_id',
		'campaign_id',
		'labels',
		'browser_language',
		'country_code',
		'referer',
		'created_at',
		'last_activity_at',
	],
	contact_attribute: [
		'name',
		'email',
		'phone_number',
		'identifier',
		'country_code',
		'city',
		'company_name',
		'created_at',
		'last_activity_at',
		'referer',
		'blocked',
	],
};

type Fields = Partial<
	Omit<CustomAttributeDefinition, 'id' | 'accountId' | 'createdAt' | 'updatedAt'>
>;

/** A bare array; `attribute_model` (name or number) filters, none lists every model. */
export const listCustomAttributesHandler: Handler = ({ query, account }, { state }) => {
	const raw = typeof query.attribute_model === 'string' ? query.attribute_model : '';
	const model = raw === '' ? undefined : (enumValue(MODELS, raw) ?? enumValue(MODELS, Number(raw)));
	const definitions = state.customAttributeDefinitions.filter(
		(d) => d.accountId === account.id && (raw === '' || d.attributeModel === model),
	);
	return { body: definitions.map(restCustomAttributeDefinition) };
};

export const showCustomAttributeHandler: Handler = ({ params, account }, { state }) => ({
	body: restCustomAttributeDefinition(loadDefinition(state, account, params.id)),
});

export const createCustomAttributeHandler: Handler = ({ body, account }, { state, clock }) => {
	const fields = definitionFields(body);
	const candidate = {
		accountId: account.id,
		attributeDisplayName: fields.attributeDisplayName ?? '',
		attributeDisplayType: fields.attributeDisplayType ?? 'text',
		attributeDescription: fields.attributeDescription ?? null,
		attributeKey: fields.attributeKey ?? '',
		attributeModel: fields.attributeModel ?? 'conversation_attribute',
		attributeValues: fields.attributeValues ?? [],
		regexPattern: fields.regexPattern ?? null,
		regexCue: fields.regexCue ?? null,
	};
	const errors = definitionErrors(state, candidate, undefined);
	if (STANDARD_KEYS[candidate.attributeModel].includes(candidate.attributeKey)) {
		errors.push({
			attribute: 'attribute_key',
			message: 'Attribute key conflicts with a standard attribute',
		});
	}
	if (errors.length > 0) throw httpErrors.invalidRecord(errors);
	const now = clock().getTime();
	const definition = state.customAttributeDefinitions.insert({
		...candidate,
		createdAt: now,
		updatedAt: now,
	});
	return { body: restCustomAttributeDefinition(definition) };
};

/** `update!`: an invalid change answers 422 and is not saved. */
export const updateCustomAttributeHandler: Handler = (
	{ params, body, account },
	{ state, clock },
) => {
	const definition = loadDefinition(state, account, params.id);
	const updated: CustomAttributeDefinition = { ...definition };
	for (const [key, value] of Object.entries(definitionFields(body))) {
		if (value !== undefined) Object.assign(updated, { [key]: value });
	}
	const errors = definitionErrors(state, updated, definition);
	if (errors.length > 0) throw httpErrors.invalidRecord(errors);
	Object.assign(definition, updated, { updatedAt: clock().getTime() });
	return { body: restCustomAttributeDefinition(definition) };
};

/** `head :no_content`. */
export const deleteCustomAttributeHandler: Handler = ({ params, account }, { state }) => {
	state.customAttributeDefinitions.delete(loadDefinition(state, account, params.id).id);
	return { status: 204 };
};

function definitionFields(body: JsonObject): Fields {
	// normalize_attribute_fields strips the key and the display name.
	const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
	return {
		attributeDisplayName: text('attribute_display_name')?.trim(),
		attributeDisplayType: enumParam(DISPLAY_TYPES, body, 'attribute_display_type'),
		attributeDescription: text('attribute_description'),
		attributeKey: text('attribute_key')?.trim(),
		attributeModel: enumParam(MODELS, body, 'attribute_model'),
		attributeValues: Array.isArray(body.attribute_values) ? body.attribute_values : undefined,
		regexPattern: text('regex_pattern'),
		regexCue: text('regex_cue'),
	};
}

/** An unknown enum value raises ArgumentError, which the simulator answers as 422 {error}. */
function enumParam<T extends string>(
	values: readonly T[],
	body: JsonObject,
	key: string,
): T | undefined {
	const raw = body[key];
	if (raw === undefined || raw === null) return undefined;
	const value = enumValue(values, raw);
	if (value === undefined) throw httpErrors.unprocessable(`'${String(raw)}' is not a valid ${key}`);
	return value;
}

function enumValue<T extends string>(values: readonly T[], raw: unknown): T | undefined {
	if (typeof raw === 'number') return Number.isInteger(raw) ? values[raw] : undefined;
	return values.find((value) => value === raw);
}

function definitionErrors(
	state: ChatwootState,
	candidate: Omit<CustomAttributeDefinition, 'id' | 'createdAt' | 'updatedAt'>,
	existing: CustomAttributeDefinition | undefined,
): { attribute: string; message: string }[] {
	const errors: { attribute: string; message: string }[] = [];
	if (candidate.attributeDisplayName === '') {
		errors.push({
			attribute: 'attribute_display_name',
			message: "Attribute display name can't be blank",
		});
	}
	if (candidate.attributeKey === '') {
		errors.push({ attribute: 'attribute_key', message: "Attribute key can't be blank" });
	} else if (!KEY_FORMAT.test(candidate.attributeKey)) {
		errors.push({ attribute: 'attribute_key', message: 'Attribute key is invalid' });
	} else if (
		state.customAttributeDefinitions.find(
			(d) =>
				d.accountId === candidate.accountId &&
				d.attributeModel === candidate.attributeModel &&
				d.attributeKey === candidate.attributeKey &&
				d !== existing,
		)
	) {
		errors.push({ attribute: 'attribute_key', message: 'Attribute key has already been taken' });
	}
	return errors;
}

function loadDefinition(
	state: ChatwootState,
	account: Account,
	id: string | undefined,
): CustomAttributeDefinition {
	const definition = state.customAttributeDefinitions.get(intParam(id));
	if (!definition || definition.accountId !== account.id) throw httpErrors.notFound();
	return definition;
}
