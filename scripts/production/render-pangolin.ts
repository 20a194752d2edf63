// Writes compose/pangolin/generated/ (Pangolin config, Traefik config, Newt's blueprint) from the
// templates and the host names in .env. first-start runs it; run it again after changing a host name.
//   node scripts/production/render-pangolin.ts [--dotenv .env]
import { relative } from 'node:path';
import { runCli } from './cli.ts';
import { paths } from './paths.ts';

const USAGE = `
Writes compose/pangolin/generated/ (Pangolin's config, Traefik's config, Newt's blueprint) from the
templates and the host names in .env. first-start.ts runs it; run it again after changing a host name.

Usage: node scripts/production/render-pangolin.ts [--dotenv .env]

  --dotenv <file>    the .env to read (default: .env in the repository root)
  -h, --help         this text
`;

const options = { dotenv: { type: 'string', default: paths.envFile } } as const;

runCli({ usage: USAGE, options }, async ({ values }) => {
	const { readEnvFile } = await import('./env-file.ts');
	const { renderTemplates } = await import('./templates.ts');
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
