// Housekeeping (the scheduler's jobs of the agentic-bot design): message text removed after the
// retention period, n8n's execution pruning matched to it, and the daily dead-letter report (at an
// hour of the business's day). The gateway runs the retention on an interval; workflow 04 sends the
// report and replays dead letters from n8n's editor (compose/README.md, "Housekeeping").
export {
	DEFAULT_HOUSEKEEPING_INTERVAL_MS,
	DEFAULT_TEXT_RETENTION_DAYS,
	n8nExecutionPruneEnv,
	textRetentionDays,
} from './config.ts';
export {
	redactExpiredText,
	retentionCutoff,
	type RetentionOptions,
	type RetentionResult,
} from './retention.ts';
export {
	deadLetterReport,
	REPLAY_HELP,
	type DeadLetterReport,
	type DeadLetterReportOptions,
} from './dead-letter-report.ts';
export {
	isReportHour,
	parseReportHour,
	reportAddresses,
	type ReportAddresses,
} from './report-schedule.ts';
export { Housekeeping, type HousekeepingDeps, type HousekeepingLogger } from './housekeeping.ts';
