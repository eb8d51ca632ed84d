// Public entry of the IB Gateway simulator (see simulator.ts for routing choices).
export { startSimulator, DEFAULT_ACCOUNT, CONNECTIVITY_TEXT, type SimulatorHandle, type SimulatorInternals } from './simulator';
export type { Simulator, SimulatorOptions, SimulatorListen, ListeningPort, ConnectivityCode } from './api';
export { measureThroughput, type ThroughputResult } from './throughput';
export { DEMO_STARTING_POSITIONS } from './demo-portfolio';
