// The webhook gateway as a library: its configuration and the wired app, forwarder and reconciler.
// The process that listens is main.ts (`npm run gateway`); the operator CLI is cli.ts.

export { gatewayEnvSchema, parseGatewayConfig, type GatewayConfig } from './config.ts';
export { GatewayConfigError } from './gateway-config-error.ts';
export { createGateway, type Gateway, type GatewayDeps, type GatewayPool } from './gateway.ts';
