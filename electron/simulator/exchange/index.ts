// The simulated exchange's public surface: the wire server needs only these
// and the types in ./types.
export { createExchange } from './exchange';
export { UNIVERSE } from './universe';
export type * from './types';
