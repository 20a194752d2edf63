// Durable jobs at an exact instant (pg-boss in the Directus database): broadcasts start with them,
// appointment reminders go out with them.
export {
	createJobs,
	jobIdFor,
	type DueJob,
	type JobHandler,
	type Jobs,
	type JobsLogger,
	type JobsOptions,
	type WorkOptions,
} from './jobs.ts';
