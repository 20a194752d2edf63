export { TemplateError } from './template-error.ts';
export { TemplateInvalidError } from './template-invalid-error.ts';
export { TemplateNotFoundError } from './template-not-found-error.ts';
export { TemplateVariableMissingError } from './template-variable-missing-error.ts';
