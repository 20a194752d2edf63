// Insights panel "Median per day" (type switchboard-median): Directus aggregates count, sum, avg,
// min and max, but not the median the latency dashboard needs.
import { definePanel } from '@directus/extensions-sdk';
import Panel from './panel.ts';
import { medianQuery } from './utils/medians-per-day.ts';

interface MedianOptions {
	collection?: string;
	valueField?: string;
	dateField?: string;
	range?: string;
	filter?: Record<string, unknown>;
}

export default definePanel({
	id: 'switchboard-median',
	name: 'Median per day',
	icon: 'timer',
	description: 'The median of a number per day, e.g. response latency.',
	component: Panel,
	minWidth: 12,
	minHeight: 8,
	query(options: MedianOptions) {
		if (!options?.collection || !options.valueField || !options.dateField) return;
		return {
			collection: options.collection,
			query: medianQuery({
				valueField: options.valueField,
				dateField: options.dateField,
				range: options.range || '30 days',
				filter: options.filter,
			}),
		};
	},
	options: [
		{
			field: 'collection',
			name: '$t:collection',
			type: 'string',
			meta: { interface: 'system-collection', options: { includeSystem: false }, width: 'half' },
		},
		{
			field: 'valueField',
			name: 'Number field',
			type: 'string',
			meta: {
				interface: 'system-field',
				options: {
					collectionField: 'collection',
					typeAllowList: ['integer', 'bigInteger', 'float', 'decimal'],
				},
				width: 'half',
			},
		},
		{
			field: 'dateField',
			name: 'Date field',
			type: 'string',
			meta: {
				interface: 'system-field',
				options: {
					collectionField: 'collection',
					typeAllowList: ['date', 'dateTime', 'timestamp'],
				},
				width: 'half',
			},
		},
		{
			field: 'range',
			name: 'Period',
			type: 'string',
			schema: { default_value: '30 days' },
			meta: { interface: 'input', options: { placeholder: 'e.g. 30 days' }, width: 'half' },
		},
		{ field: 'unit', name: 'Unit', type: 'string', meta: { interface: 'input', width: 'half' } },
		{
			field: 'filter',
			name: '$t:filter',
			type: 'json',
			meta: { interface: 'system-filter', options: { collectionField: 'collection' } },
		},
	],
});
