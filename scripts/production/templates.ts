// Renders compose/pangolin/templates/ into compose/pangolin/generated/: Pangolin, Traefik and the
// blueprint read plain files, so the host names from .env are written into copies of them.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { EnvValues } from './env-file.ts';
import { TemplateVariableError } from './template-error.ts';

const PLACEHOLDER = /\$\{([A-Z][A-Z0-9_]*)\}/g;

/** The distinct `${NAME}` placeholders of a template, in order of appearance. */
export function templateVariables(text: string): string[] {
	return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** Replaces every `${NAME}`; all missing or empty names are reported together. */
export function renderTemplate(text: string, env: EnvValues, template: string): string {
	const missing = templateVariables(text).filter((name) => !env[name]?.trim());
	if (missing.length) throw new TemplateVariableError({ template, variables: missing });
	return text.replace(PLACEHOLDER, (_, name: string) => env[name]!.trim());
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)))
		.sort();
}

export interface RenderOptions {
	templatesDir: string;
	outputDir: string;
	env: EnvValues;
}

/** Renders every template, then writes them all: a missing variable leaves the old files alone. */
export function renderTemplates(options: RenderOptions): string[] {
	const rendered = filesUnder(options.templatesDir).map((file) => ({
		file,
		text: renderTemplate(
			readFileSync(join(options.templatesDir, file), 'utf8'),
			options.env,
			relative(process.cwd(), join(options.templatesDir, file)),
		),
	}));
	for (const { file, text } of rendered) {
		const target = join(options.outputDir, file);
		mkdirSync(dirname(target), { recursive: true });
		// No secrets in these files (Pangolin takes SERVER_SECRET from the environment): readable by
		// the containers whatever user they run as.
		writeFileSync(target, text, { mode: 0o644 });
	}
	return rendered.map(({ file }) => file);
}
