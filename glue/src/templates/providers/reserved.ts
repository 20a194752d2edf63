// Namespaces whose variables arrive with their issues (appointments, broadcasts): declared now so
// that a template naming one gets "no variables yet" rather than "unknown namespace".
import { defineProvider } from '../variables.ts';

export const appointmentProvider = defineProvider({
	namespace: 'appointment',
	description: 'An appointment (not available yet).',
	variables: [],
	resolve: () => ({}),
});

export const broadcastProvider = defineProvider({
	namespace: 'broadcast',
	description: 'A broadcast (not available yet).',
	variables: [],
	resolve: () => ({}),
});
