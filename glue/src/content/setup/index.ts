// Directus provisioning from directus/: schema (snapshot, log tables), access, seed,
// Insights dashboards, Studio flows (buttons).
export {
	applyDirectusSchema,
	checkDirectusSchema,
	exportDirectusSchema,
	type ApplySchemaOptions,
	type SchemaApplyResult,
	type SchemaFiles,
} from './apply-schema.ts';
export {
	applyDirectusAccess,
	type AccessResult,
	type AccessUser,
	type ApplyAccessOptions,
} from './access.ts';
export {
	applyDirectusDashboards,
	dashboardsFileSchema,
	type ApplyDashboardsOptions,
	type DashboardsFile,
} from './dashboards.ts';
export {
	applyDirectusFlows,
	flowsFileSchema,
	type ApplyFlowsOptions,
	type FlowsFile,
} from './flows.ts';
export { formatChange, type SetupChange, type SetupResult } from './changes.ts';
export { SETUP_FILES } from './files.ts';
export { applyDirectusSeed, localDate, type ApplySeedOptions } from './seed.ts';
