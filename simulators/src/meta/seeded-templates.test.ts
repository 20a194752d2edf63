// One home per fact: the approved templates the demo seed names (directus/seed) are the ones this
// simulator's WABA has, word for word, so a fresh sandbox can send them outside the 24-hour window.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SEEDED_TEMPLATES } from './seeded-templates.ts';

const SEED = new URL('../../../directus/seed/northwind-fibre.json', import.meta.url);

describe('seeded templates', () => {
	it('should hold every approved template the Directus seed writes, identical', () => {
		const seed = JSON.parse(readFileSync(SEED, 'utf8')) as {
			whatsapp_approved_templates: { name: string; language: string }[];
			message_templates: {
				channel?: string;
				whatsapp_template_name?: string;
				whatsapp_language_code?: string;
			}[];
		};
		assert.ok(seed.whatsapp_approved_templates.length > 0);
		for (const approved of seed.whatsapp_approved_templates) {
			const simulated = SEEDED_TEMPLATES.find(
				(t) => t.name === approved.name && t.language === approved.language,
			);
			assert.deepEqual(
				{ status: 'APPROVED', ...simulated },
				approved,
				`${approved.name} (${approved.language})`,
			);
		}
		for (const record of seed.message_templates.filter((t) => t.channel === 'whatsapp_template')) {
			assert.ok(
				seed.whatsapp_approved_templates.some(
					(a) =>
						a.name === record.whatsapp_template_name &&
						a.language === record.whatsapp_language_code,
				),
				`${record.whatsapp_template_name} (${record.whatsapp_language_code}) is approved`,
			);
		}
	});
});
