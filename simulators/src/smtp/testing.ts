// A running SMTP sink for tests: both listeners on free ports, and how to reach them.
import { listen, type RunningServer } from '../common/listen.ts';
import { createSmtpSink, type SmtpSink, type SmtpSinkOptions } from './index.ts';

export interface TestSmtpSink {
	sink: SmtpSink;
	/** Where to send mail: 127.0.0.1 and this port, no TLS, any user and password. */
	smtp: { host: string; port: number };
	http: RunningServer;
	close(): Promise<void>;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<TestSmtpSink> {
	const sink = createSmtpSink(options);
	const smtpServer = await sink.listenSmtp();
	const http = await listen(sink.app);
	return {
		sink,
		smtp: { host: '127.0.0.1', port: smtpServer.port },
		http,
		close: async () => {
			await Promise.all([smtpServer.close(), http.close()]);
		},
	};
}
