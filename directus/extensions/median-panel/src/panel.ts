// The panel's view: the median over the window, then one line per day, newest first. A render
// function rather than a .vue file keeps the extension plain TypeScript.
import { computed, defineComponent, h, type PropType } from 'vue';
import { mediansPerDay } from './utils/medians-per-day.ts';

export default defineComponent({
	props: {
		data: { type: Array as PropType<Record<string, unknown>[]>, default: () => [] },
		valueField: { type: String, required: true },
		dateField: { type: String, required: true },
		unit: { type: String, default: '' },
		height: { type: Number, default: 10 },
	},
	setup(props) {
		const result = computed(() =>
			mediansPerDay(props.data ?? [], props.valueField, props.dateField),
		);
		const format = (value: number) =>
			`${Math.round(value).toLocaleString()}${props.unit ? ` ${props.unit}` : ''}`;
		return () => {
			const { overall, days } = result.value;
			if (overall === null) {
				return h('div', { class: 'switchboard-median empty', style: styles.empty }, 'No data yet');
			}
			return h('div', { class: 'switchboard-median', style: styles.panel }, [
				h('div', { style: styles.overall }, format(overall)),
				h('div', { style: styles.caption }, 'median over the period'),
				h(
					'table',
					{ style: styles.table },
					days
						.slice(0, Math.max(1, props.height - 4))
						.map((day) =>
							h('tr', [
								h('td', { style: styles.cell }, day.day),
								h('td', { style: styles.number }, format(day.median)),
								h('td', { style: styles.muted }, `${day.count} items`),
							]),
						),
				),
			]);
		};
	},
});

const styles = {
	panel: { padding: '12px', height: '100%', overflow: 'auto' },
	empty: { padding: '12px', color: 'var(--theme--foreground-subdued)' },
	overall: { fontSize: '32px', fontWeight: '700', color: 'var(--theme--primary)' },
	caption: { color: 'var(--theme--foreground-subdued)', marginBottom: '8px' },
	table: { width: '100%', borderCollapse: 'collapse' },
	cell: { padding: '2px 8px 2px 0' },
	number: { padding: '2px 8px', textAlign: 'right', fontWeight: '600' },
	muted: { padding: '2px 0', textAlign: 'right', color: 'var(--theme--foreground-subdued)' },
} as const;
