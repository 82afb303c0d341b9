// The renderer imports only from here.
export * from './bridge.ts';
export * from './console.ts';
export * from './devices.ts';
export * from './entries.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './health-code.ts';
export * from './id-card.ts';
export * from './methods.ts';
export * from './policy.ts';
export * from './watch.ts';
