import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// glue's public entry points, as its package.json maps them (@switchboard/glue/<module>).
const glueEntries = Object.keys(
	JSON.parse(readFileSync(join(import.meta.dirname, 'glue', 'package.json'), 'utf8')).exports,
).map((entry) => entry.slice(2));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Adapters see glue only through its public entry points: a module is its index.ts. */
const gluePublicApiOnly = [
	'error',
	{
		patterns: [
			{
				regex: '(^|/)glue/src(/|$)',
				message: 'Import glue through its public API, @switchboard/glue/<module>.',
			},
			{
				regex: `^@switchboard/glue(?!/(${glueEntries.map(escape).join('|')})$)`,
				message: `Not a public entry point of glue; use one of: ${glueEntries.join(', ')}.`,
			},
		],
	},
];

/** The library never depends on the tools around it; only its test support may. */
const glueStandsAlone = [
	'error',
	{
		patterns: [
			{
				regex: '^(\\.\\./)+(scripts|simulators)/|^@switchboard/simulators(/|$)',
				message: 'glue must not import scripts/ or simulators/ outside test support files.',
			},
		],
	},
];

const GLUE = 'glue/**';
const GLUE_TEST_SUPPORT = [
	'glue/**/*.test.ts',
	'glue/**/test-support.ts',
	'glue/**/test-fixtures.ts',
	'glue/**/test-database.ts',
	'glue/**/testing.ts',
];
// n8n/custom-nodes has n8n's own linter (`n8n-node lint`, its eslint.config.mjs re-exported
// unchanged); here it only gets the import boundary.
const N8N_NODES = 'n8n/custom-nodes/**';

export default tseslint.config(
	{
		ignores: ['**/node_modules/**', '**/dist/**', '.stack/**', 'bench/results/**'],
	},
	...[js.configs.recommended, ...tseslint.configs.recommended].map((config) => ({
		...config,
		ignores: [...(config.ignores ?? []), N8N_NODES],
	})),
	{
		ignores: [N8N_NODES],
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			// Services log through winston; the CLIs print to the terminal on purpose.
			'no-console': 'off',
		},
	},
	{
		ignores: [GLUE],
		rules: { 'no-restricted-imports': gluePublicApiOnly },
	},
	{
		files: [`${N8N_NODES}/*.ts`],
		languageOptions: { parser: tseslint.parser },
		linterOptions: { reportUnusedDisableDirectives: 'off' },
		rules: { 'no-restricted-imports': gluePublicApiOnly },
	},
	{
		files: [GLUE],
		ignores: GLUE_TEST_SUPPORT,
		rules: { 'no-restricted-imports': glueStandsAlone },
	},
);
