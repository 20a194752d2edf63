// See ../sdk-config.js.
export { default } from '../sdk-config.js';
