// Screenshots for docs/for-marketing.md, taken from the running local stack with headless Chromium
// (1280×800 PNGs into docs/images/). Not part of npm test: it needs a browser and a running stack.
//
// Re-run:
//   apt-get install -y chromium                                  # Debian's Chromium, /usr/bin/chromium
//   mkdir -p /tmp/shots && (cd /tmp/shots && npm install playwright-core)   # not a repo dependency
//   npm start                                                    # another terminal; wait for the banner
//   npm run demo -- "My internet is down since this morning"    # a few messages, so Insights has data
//   PLAYWRIGHT_CORE=/tmp/shots/node_modules/playwright-core \
//     bash scripts/with-node24 node scripts/docs-screenshots.ts [--out docs/images] [--chromium /usr/bin/chromium]
//
// It logs in to the Directus Studio as a Marketing editor it creates for the run (and deletes after),
// so the pictures show what marketing staff see, not an admin's menus.
// A draft broadcast is created for its picture and deleted after; nothing else is written.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseLocalEnv } from './lib/local-config.ts';
import { StackError } from './lib/stack-error.ts';

const root = join(import.meta.dirname, '..');
const VIEWPORT = { width: 1280, height: 800 };
const MARKETING_EMAIL = 'docs-marketing@example.com';

// The few parts of playwright-core's API used here: it is loaded from a path at run time, so its
// own types are not available to the type check.
interface Locator {
	first(): Locator;
	count(): Promise<number>;
	click(options?: { timeout?: number }): Promise<void>;
	fill(value: string, options?: { timeout?: number }): Promise<void>;
	waitFor(options?: { state?: 'visible' | 'attached'; timeout?: number }): Promise<void>;
}
interface Page {
	goto(url: string): Promise<unknown>;
	setDefaultTimeout(ms: number): void;
	locator(selector: string): Locator;
	getByText(text: string, options?: { exact?: boolean }): Locator;
	waitForTimeout(ms: number): Promise<void>;
	waitForURL(url: (url: URL) => boolean, options?: { timeout?: number }): Promise<void>;
	screenshot(options: { path: string }): Promise<Buffer>;
	close(): Promise<void>;
}
interface BrowserContext {
	newPage(): Promise<Page>;
	close(): Promise<void>;
}
interface Browser {
	newContext(options: {
		viewport: typeof VIEWPORT;
		deviceScaleFactor: number;
	}): Promise<BrowserContext>;
	close(): Promise<void>;
}
interface Playwright {
	chromium: { launch(options: { executablePath: string; headless: boolean }): Promise<Browser> };
}

interface Settings {
	directusUrl: string;
	adminToken: string;
	outDir: string;
	chromium: string;
}

function settings(argv: string[]): Settings {
	const { values } = parseArgs({
		args: argv,
		options: {
			out: { type: 'string', default: join(root, 'docs', 'images') },
			chromium: { type: 'string', default: '/usr/bin/chromium' },
		},
	});
	if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
	const env = parseLocalEnv(process.env);
	const secretsFile = join(root, '.stack', 'local', 'secrets.json');
	if (!existsSync(secretsFile)) {
		throw new StackError(
			'No .stack/local/secrets.json: start the local stack with npm start first.',
		);
	}
	const generated = JSON.parse(readFileSync(secretsFile, 'utf8')) as {
		directusAdminToken?: string;
	};
	const adminToken = env.DIRECTUS_ADMIN_TOKEN ?? generated.directusAdminToken;
	if (!adminToken) {
		throw new StackError('No Directus admin token in .env or .stack/local/secrets.json.');
	}
	if (!existsSync(values.chromium)) {
		throw new StackError(
			`No Chromium at ${values.chromium}: apt-get install -y chromium, or pass --chromium.`,
		);
	}
	return {
		directusUrl: `http://127.0.0.1:${env.DIRECTUS_PORT}`,
		adminToken,
		outDir: resolve(values.out),
		chromium: values.chromium,
	};
}

async function loadPlaywright(): Promise<Playwright> {
	const from = process.env.PLAYWRIGHT_CORE;
	if (!from) {
		throw new StackError(
			'Set PLAYWRIGHT_CORE to an installed playwright-core, e.g. /tmp/shots/node_modules/playwright-core.',
		);
	}
	const entry = join(resolve(from), 'index.mjs');
	if (!existsSync(entry))
		throw new StackError(`No playwright-core at ${from} (no index.mjs there).`);
	const loaded = (await import(pathToFileURL(entry).href)) as { default?: Playwright } & Playwright;
	return loaded.default ?? loaded;
}

/** Directus's REST API with one token. */
function directusApi(url: string, token: string) {
	return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
		const response = await fetch(`${url}${path}`, {
			method,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) {
			throw new StackError(
				`Directus ${method} ${path} answered ${response.status}: ${await response.text()}`,
			);
		}
		return response.status === 204
			? (undefined as T)
			: ((await response.json()) as { data: T }).data;
	};
}

type Api = ReturnType<typeof directusApi>;

async function idWhere(api: Api, collection: string, filter: string): Promise<string> {
	const rows = await api<{ id: string | number }[]>(
		'GET',
		`/items/${collection}?${filter}&fields=id&limit=1`,
	);
	const id = rows[0]?.id;
	if (id === undefined)
		throw new StackError(
			`Directus ${collection} has no record where ${filter}: is the demo content seeded?`,
		);
	return String(id);
}

/** A Marketing editor for this run only; one left by a failed run is replaced. */
async function createMarketingUser(admin: Api): Promise<{ id: string; password: string }> {
	const [role] = await admin<{ id: string }[]>(
		'GET',
		'/roles?filter[name][_eq]=Marketing%20editor&fields=id',
	);
	if (!role)
		throw new StackError(
			'Directus has no Marketing editor role: run npm run directus-setup -- all.',
		);
	const old = await admin<{ id: string }[]>(
		'GET',
		`/users?filter[email][_eq]=${MARKETING_EMAIL}&fields=id`,
	);
	for (const user of old) await admin('DELETE', `/users/${user.id}`);
	const password = `Docs-${randomBytes(12).toString('base64url')}`;
	const user = await admin<{ id: string }>('POST', '/users', {
		email: MARKETING_EMAIL,
		password,
		first_name: 'Maria',
		last_name: 'Marketing',
		role: role.id,
	});
	return { id: user.id, password };
}

/** Opens a Studio or editor path and waits until `ready` shows, then for charts to draw. */
async function visit(page: Page, url: string, ready: string): Promise<void> {
	await page.goto(url);
	await page.getByText(ready, { exact: false }).first().waitFor({ state: 'visible' });
	await foldSidebar(page);
	await page.waitForTimeout(3000);
}

/** Folds the Studio's right sidebar (comments, revisions…) away, so the content fills the picture. */
async function foldSidebar(page: Page): Promise<void> {
	const fold = page.locator('button.sidebar-toggle:has(i[data-icon="right_panel_close"])');
	if ((await fold.count()) > 0) {
		await fold.first().click();
		await page.waitForTimeout(500);
	}
}

async function shoot(page: Page, outDir: string, name: string): Promise<void> {
	const path = join(outDir, name);
	await page.screenshot({ path });
	console.log(`${name}: ${Math.round(statSync(path).size / 1024)} KB`);
}

async function newPage(context: BrowserContext): Promise<Page> {
	const page = await context.newPage();
	// This runs beside n8n, Directus and the tests on small machines: pages can take a while.
	page.setDefaultTimeout(120_000);
	return page;
}

async function directusShots(
	context: BrowserContext,
	s: Settings,
	admin: Api,
	password: string,
): Promise<void> {
	const studio = `${s.directusUrl}/admin`;
	let page = await newPage(context);
	await page.goto(`${studio}/login`);
	await page.locator('input[type="email"]').fill(MARKETING_EMAIL);
	await page.locator('input[type="password"]').fill(password);
	await page.locator('button[type="submit"]').click();
	await page.waitForURL((url) => !url.pathname.endsWith('/login'));

	await visit(page, `${studio}/content/faq`, 'How long does installation take');
	await shoot(page, s.outDir, 'directus-faq.png');

	const title = 'Free installation this month';
	const promotion = await idWhere(
		admin,
		'promotions',
		`filter[title][_eq]=${encodeURIComponent(title)}`,
	);
	await visit(page, `${studio}/content/promotions/${promotion}`, 'Posting Slots');
	await shoot(page, s.outDir, 'directus-promotion.png');

	// A save the promotions hook refuses (the image link must be https): nothing is written.
	await page.locator('[data-field="image_url"] input').fill('http://example.com/offer.jpg');
	await page.locator('header.header-bar button:has(i[data-icon="check"])').click();
	await page.getByText('must be an https:// link', { exact: false }).first().waitFor();
	await page.waitForTimeout(1000);
	await shoot(page, s.outDir, 'directus-promotion-refused.png');
	// A fresh tab leaves the unsaved edit behind without a "discard changes?" prompt.
	await page.close();
	page = await newPage(context);

	const handoff = await idWhere(
		admin,
		'message_templates',
		'filter[key][_eq]=handoff&filter[language][_eq]=en',
	);
	await visit(page, `${studio}/content/message_templates/${handoff}`, 'Fallbacks');
	await shoot(page, s.outDir, 'directus-message-template.png');

	const broadcast = await admin<{ id: string | number }>('POST', '/items/broadcasts', {
		name: 'June fibre upgrade',
		status: 'draft',
		template_key: 'fibre_upgrade_june',
		department: 'sales',
	});
	try {
		await visit(page, `${studio}/content/broadcasts/${broadcast.id}`, 'Scheduled At');
		await shoot(page, s.outDir, 'directus-broadcast.png');
	} finally {
		await admin('DELETE', `/items/broadcasts/${broadcast.id}`);
	}

	const dashboards = await admin<{ id: string; name: string }[]>(
		'GET',
		'/dashboards?fields=id,name',
	);
	for (const [name, panel, file] of [
		['AI decisions', 'Outcomes, last 30 days', 'insights-ai-decisions.png'],
	] as const) {
		const dashboard = dashboards.find((d) => d.name === name);
		if (!dashboard) {
			throw new StackError(
				`Directus has no "${name}" dashboard: run npm run directus-setup -- dashboards.`,
			);
		}
		await visit(page, `${studio}/insights/${dashboard.id}`, panel);
		await shoot(page, s.outDir, file);
	}
	await page.close();
}

async function main(argv: string[]): Promise<void> {
	const s = settings(argv);
	const playwright = await loadPlaywright();
	mkdirSync(s.outDir, { recursive: true });
	const admin = directusApi(s.directusUrl, s.adminToken);
	const user = await createMarketingUser(admin);
	const browser = await playwright.chromium.launch({ executablePath: s.chromium, headless: true });
	try {
		const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
		await directusShots(context, s, admin, user.password);
		await context.close();
	} finally {
		await browser.close();
		await admin('DELETE', `/users/${user.id}`);
	}
}

if (import.meta.main) {
	main(process.argv.slice(2)).then(
		() => process.exit(0),
		(error: unknown) => {
			if (error instanceof StackError) console.error(`docs-screenshots: ${error.message}`);
			else console.error('docs-screenshots: unexpected failure:', error);
			process.exit(1);
		},
	);
}
