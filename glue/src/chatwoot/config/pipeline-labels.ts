// The labels the pipeline writes (handoff-labels.ts) must exist as account labels; the config is
// where they get their colour, so a config that lacks one is refused rather than completed.
import { pipelineLabels } from '../handoff-labels.ts';
import type { ChatwootConfig } from './config-schema.ts';
import type { ConfigIssue } from './chatwoot-config-file-error.ts';

/** One issue per label the pipeline can write that the config does not create. */
export function missingPipelineLabels(config: ChatwootConfig): ConfigIssue[] {
	const titles = new Set(config.labels.map((label) => label.title));
	return pipelineLabels(config.departments.map((department) => department.key))
		.filter((title) => !titles.has(title))
		.map((title) => ({
			path: 'labels',
			message: `needs the label ${title}: the hand-off puts it on conversations`,
		}));
}
