export { SimClock } from '../common/clock.ts';
