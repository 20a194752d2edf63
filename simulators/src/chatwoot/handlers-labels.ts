// Account labels (LabelsController). Conversation labels are free-form strings and need no Label
// record; these records give a title its colour, description and place in the sidebar.
import { httpErrors } from './http-errors.ts';
import { restLabel } from './present-rest.ts';
import { intParam, type Handler } from './route.ts';
import type { ChatwootState } from './state.ts';
import type { Account, JsonObject, Label } from './types.ts';

// RegexHelper::UNICODE_CHARACTER_NUMBER_HYPHEN_UNDERSCORE
const TITLE_FORMAT = /^[\p{L}\p{N}_-]+$/u;

type LabelFields = Partial<Pick<Label, 'title' | 'description' | 'color' | 'showOnSidebar'>>;

export const listLabelsHandler: Handler = ({ account }, { state }) => ({
	body: { payload: state.labels.filter((l) => l.accountId === account.id).map(restLabel) },
});

export const showLabelHandler: Handler = ({ params, account }, { state }) => ({
	body: restLabel(loadLabel(state, account, params.id)),
});

/** `create!`: an invalid label answers 422 {message, attributes}. */
export const createLabelHandler: Handler = ({ body, account }, { state, clock }) => {
	const fields = labelFields(body);
	const candidate = {
		accountId: account.id,
		title: fields.title ?? '',
		description: fields.description ?? null,
		color: fields.color ?? '#1f93ff',
		showOnSidebar: fields.showOnSidebar ?? null,
	};
	const errors = labelErrors(state, account, candidate.title, undefined);
	if (errors.length > 0) throw httpErrors.invalidRecord(errors);
	const now = clock().getTime();
	return { body: restLabel(state.labels.insert({ ...candidate, createdAt: now, updatedAt: now })) };
};

/**
 * The controller calls `update`, not `update!`: an invalid change is not saved, yet the answer is a
 * 200 rendering the attempted values. Only a read afterwards shows that nothing changed.
 */
export const updateLabelHandler: Handler = ({ params, body, account }, { state, clock }) => {
	const label = loadLabel(state, account, params.id);
	const fields = labelFields(body);
	const attempted: Label = { ...label };
	for (const [key, value] of Object.entries(fields)) {
		if (value !== undefined) Object.assign(attempted, { [key]: value });
	}
	if (labelErrors(state, account, attempted.title, label).length === 0) {
		Object.assign(label, attempted, { updatedAt: clock().getTime() });
	}
	return { body: restLabel(attempted) };
};

export const deleteLabelHandler: Handler = ({ params, account }, { state }) => {
	state.labels.delete(loadLabel(state, account, params.id).id);
	return {};
};

function labelFields(body: JsonObject): LabelFields {
	const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
	return {
		// before_validation { self.title = title.downcase }
		title: text('title')?.toLowerCase(),
		description: text('description'),
		color: text('color'),
		showOnSidebar: typeof body.show_on_sidebar === 'boolean' ? body.show_on_sidebar : undefined,
	};
}

function labelErrors(
	state: ChatwootState,
	account: Account,
	title: string,
	existing: Label | undefined,
): { attribute: string; message: string }[] {
	if (title.trim() === '') return [{ attribute: 'title', message: 'Title must not be blank' }];
	if (!TITLE_FORMAT.test(title)) return [{ attribute: 'title', message: 'Title is invalid' }];
	const taken = state.labels.find(
		(l) => l.accountId === account.id && l.title === title && l !== existing,
	);
	return taken ? [{ attribute: 'title', message: 'Title has already been taken' }] : [];
}

function loadLabel(state: ChatwootState, account: Account, id: string | undefined): Label {
	const label = state.labels.get(intParam(id));
	if (!label || label.accountId !== account.id) throw httpErrors.notFound();
	return label;
}
