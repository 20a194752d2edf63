// Stands in for n8n behind the benchmark's own gateway: takes every forwarded batch with a 200 and
// counts its messages. Its own process, so that answering forwards never stalls the load generator.
// Usage: node bench/lib/forward-sink.ts <port>
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
	console.error('forward-sink: give the port to listen on, e.g. node forward-sink.ts 8799');
	process.exit(2);
}

let batches = 0;
let messages = 0;
const server = createServer((req, res) => {
	const chunks: Buffer[] = [];
	req.on('data', (chunk: Buffer) => chunks.push(chunk));
	req.on('end', () => {
		res.setHeader('content-type', 'application/json');
		if (req.method === 'GET') {
			res.end(JSON.stringify({ status: 'ok', batches, messages }));
			return;
		}
		try {
			const batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages?: unknown[] };
			batches += 1;
			messages += batch.messages?.length ?? 0;
			res.end('{"status":"handled"}');
		} catch {
			res.statusCode = 400;
			res.end('{"status":"not json"}');
		}
	});
});
server.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
