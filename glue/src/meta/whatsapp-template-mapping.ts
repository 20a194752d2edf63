// Which of our variables fills which parameter of an approved WhatsApp template: the shape of
// @switchboard/glue/templates' WhatsAppMapping (its owner), read here structurally because the
// templates module builds on this one. Checked against the approved template by
// whatsappMappingProblems.
import { z } from 'zod/v4';

const variable = z.string().trim().min(1, 'a variable name');

export const whatsappMappingParameterSchema = z.discriminatedUnion('component', [
	/** The header's one parameter: its {{1}} text, or the media's link. */
	z.looseObject({ component: z.literal('header'), variable }),
	/** Body {{position}} (1-based); a template with named parameters is filled by `name`. */
	z.looseObject({
		component: z.literal('body'),
		position: z.int().min(1).optional(),
		name: z.string().min(1).optional(),
		variable,
	}),
	/** A button whose value is given at send, by its 0-based position among the buttons. */
	z.looseObject({
		component: z.literal('button'),
		index: z.int().min(0),
		subType: z.string().min(1).optional(),
		variable,
	}),
]);
export type WhatsAppMappingParameter = z.output<typeof whatsappMappingParameterSchema>;

export const whatsappTemplateMappingSchema = z.looseObject({
	/** The approved template's name, e.g. "order_ready". */
	name: z.string().min(1),
	/** Meta's language code, e.g. "en_US". */
	languageCode: z.string().min(1).optional(),
	category: z.string().min(1).nullish(),
	parameters: z.array(whatsappMappingParameterSchema).default([]),
});
export type WhatsAppTemplateMapping = z.output<typeof whatsappTemplateMappingSchema>;
export type WhatsAppTemplateMappingInput = z.input<typeof whatsappTemplateMappingSchema>;
