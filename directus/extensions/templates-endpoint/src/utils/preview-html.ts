// The preview as a small page for the Studio's "Preview" link: every value is escaped, so a name
// with markup in it shows as text.
import type { PreviewAnswer } from './preview-answer.ts';

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export function previewHtml(answer: PreviewAnswer): string {
	const rows: [string, string | null][] = [
		['Template', `${answer.key} (${answer.language}, ${answer.channel})`],
		['Filled with', answer.filledFrom === 'contact' ? 'the chosen contact' : 'sample values'],
		['Subject', answer.subject],
		[
			'WhatsApp template',
			answer.whatsapp ? `${answer.whatsapp.name} (${answer.whatsapp.languageCode})` : null,
		],
		['Used fallback text for', answer.usedFallbacks.join(', ') || null],
	];
	const table = rows
		.filter((row): row is [string, string] => row[1] !== null)
		.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
		.join('');
	return [
		'<!doctype html><html><head><meta charset="utf-8"><title>Preview</title>',
		'<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}',
		'th{text-align:left;padding-right:1rem;color:#666}.message{white-space:pre-wrap;',
		'background:#dcf8c6;border-radius:.5rem;padding:1rem;margin-top:1rem}</style></head><body>',
		`<table>${table}</table>`,
		`<div class="message" dir="auto">${escapeHtml(answer.text)}</div>`,
		'</body></html>',
	].join('');
}
