// Writes compose/pangolin/generated/ (Pangolin config, Traefik config, Newt's blueprint) from the
// templates and the host names in .env. first-start runs it; run it again after changing a host name.
//   bash scripts/with-node24 node scripts/production/render-pangolin.ts [--dotenv .env]
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { runCli } from './cli.ts';
import { readEnvFile } from './env-file.ts';
import { paths } from './paths.ts';
import { renderTemplates } from './templates.ts';

runCli(async () => {
	const { values } = parseArgs({
		options: { dotenv: { type: 'string', default: paths.envFile } },
	});
	const written = renderTemplates({
		templatesDir: paths.pangolinTemplates,
		outputDir: paths.pangolinGenerated,
		env: readEnvFile(values.dotenv),
	});
	const where = relative(process.cwd(), paths.pangolinGenerated);
	console.log(`Wrote ${written.map((file) => `${where}/${file}`).join(', ')}`);
	console.log(
		'Newt re-applies the blueprint by itself; restart traefik and pangolin for the rest.',
	);
});
