export { AmbiguousDepartmentError } from './ambiguous-department-error.ts';
export { DepartmentNotFoundError, type KnownReceiver } from './department-not-found-error.ts';
export { InvalidTimeZoneError } from '../common/invalid-time-zone-error.ts';
export { RoutingError } from './routing-error.ts';
