// Account labels and custom attribute definitions: what agents filter and report by. Conversations
// take any label title and any attribute key; these records give them colours, names and types.
import { z } from 'zod/v4';
import {
	customAttributeDefinitionSchema,
	labelListSchema,
	labelSchema,
	type CustomAttributeDefinition,
	type CustomAttributeDisplayType,
	type CustomAttributeModel,
	type Label,
} from './schemas-account.ts';
import type { Transport } from './transport.ts';

export interface LabelInput {
	/** Lower-cased by Chatwoot; letters, digits, "-" and "_" only. */
	title?: string;
	description?: string;
	/** Hex, e.g. "#1f93ff" (Chatwoot's default). */
	color?: string;
	show_on_sidebar?: boolean;
}

export interface CustomAttributeInput {
	attribute_key?: string;
	attribute_display_name?: string;
	attribute_display_type?: CustomAttributeDisplayType;
	attribute_model?: CustomAttributeModel;
	attribute_description?: string;
	/** The choices of a `list` attribute. */
	attribute_values?: readonly string[];
	regex_pattern?: string;
	regex_cue?: string;
}

export interface LabelsResource {
	/** Administrators and agents. */
	list(): Promise<Label[]>;
	/** Administrators only. */
	create(input: LabelInput & { title: string }): Promise<Label>;
	/**
	 * Administrators only. Chatwoot answers 200 even when the change fails validation (it calls
	 * `update`, not `update!`), so a renamed title that clashes is only visible on the next list.
	 */
	update(labelId: number, input: LabelInput): Promise<Label>;
}

export interface CustomAttributeDefinitionsResource {
	/** Every model's definitions, or one model's. */
	list(model?: CustomAttributeModel): Promise<CustomAttributeDefinition[]>;
	create(
		input: CustomAttributeInput & { attribute_key: string; attribute_display_name: string },
	): Promise<CustomAttributeDefinition>;
	update(definitionId: number, input: CustomAttributeInput): Promise<CustomAttributeDefinition>;
}

export function labelsResource(transport: Transport, accountPath: string): LabelsResource {
	const base = `${accountPath}/labels`;
	return {
		list: () => transport.request(labelListSchema, { method: 'GET', path: base }),
		create: (input) =>
			transport.request(labelSchema, {
				method: 'POST',
				path: base,
				body: input,
				idempotent: false,
			}),
		update: (id, input) =>
			transport.request(labelSchema, { method: 'PATCH', path: `${base}/${id}`, body: input }),
	};
}

export function customAttributeDefinitionsResource(
	transport: Transport,
	accountPath: string,
): CustomAttributeDefinitionsResource {
	const base = `${accountPath}/custom_attribute_definitions`;
	return {
		list: (model) =>
			transport.request(z.array(customAttributeDefinitionSchema), {
				method: 'GET',
				path: base,
				query: { attribute_model: model },
			}),
		create: (input) =>
			transport.request(customAttributeDefinitionSchema, {
				method: 'POST',
				path: base,
				body: input,
				idempotent: false,
			}),
		update: (id, input) =>
			transport.request(customAttributeDefinitionSchema, {
				method: 'PATCH',
				path: `${base}/${id}`,
				body: input,
			}),
	};
}
