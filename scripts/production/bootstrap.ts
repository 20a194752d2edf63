// Creates .env from .env.example if needed and fills every empty secret with a crypto-random value.
// Never replaces a value that is already there, never prints one.
//   bash scripts/with-node24 node scripts/production/bootstrap.ts [--dotenv .env] [--example .env.example]
import { relative } from 'node:path';
import { runCli } from './cli.ts';
import { missingValues, readEnvFile } from './env-file.ts';
import { paths } from './paths.ts';
import { ensureSecrets } from './secrets.ts';
import { placeholderSettings, requiredSettings } from './settings.ts';

const USAGE = `
Creates .env from .env.example if needed and fills every empty secret with a crypto-random value.
Never replaces a value that is already there, never prints one; lists what is still to set by hand.

Usage: node scripts/production/bootstrap.ts [--dotenv .env] [--example .env.example]

  --dotenv <file>    the .env to create or complete (default: .env in the repository root)
  --example <file>   the template to create it from (default: .env.example)
  -h, --help         this text
`;

const options = {
	dotenv: { type: 'string', default: paths.envFile },
	example: { type: 'string', default: paths.envExample },
} as const;

runCli({ usage: USAGE, options }, async ({ values }) => {
	const envFile = values.dotenv;
	const shown = relative(process.cwd(), envFile) || envFile;
	const result = ensureSecrets({ envFile, exampleFile: values.example });
	if (result.createdFile)
		console.log(`Created ${shown} from ${relative(process.cwd(), values.example)}.`);
	console.log(
		result.generated.length
			? `Generated ${result.generated.length} secrets (values are in ${shown} only): ${result.generated.join(', ')}`
			: 'Generated no secret: every one already has a value.',
	);
	if (result.kept.length)
		console.log(`Kept ${result.kept.length} existing: ${result.kept.join(', ')}`);
	console.log(
		`${shown} is readable by its owner only (mode 600). Back it up: without N8N_ENCRYPTION_KEY`,
	);
	console.log('n8n cannot decrypt its stored credentials.');
	const env = readEnvFile(envFile);
	const toSet = [...missingValues(env, requiredSettings), ...placeholderSettings(env)];
	if (toSet.length) console.log(`Still to set in ${shown}: ${[...new Set(toSet)].join(', ')}`);
	console.log('Next: node scripts/production/first-start.ts --dry-run');
});
