// The thermometer the kiosk uses when none is configured: streams readings in the same shape as a real module, and
// the scenario can be switched while running (a demo panel, or tests of the gate rules).
import type { DeviceStatus, Reading } from '../../../../common/contract/devices.ts';
import type { ThermometerPort } from '../ports.ts';
import { createListeners } from '../listeners.ts';
import { scenarioReading, seededRandom, type PersonScenario } from './scenarios.ts';

export interface SimulatedThermometer extends ThermometerPort {
  setScenario(scenario: PersonScenario): void;
  scenario(): PersonScenario;
  /** Pull the simulated cable out (no readings, disconnected) or put it back, as a real one is unplugged. */
  setPlugged(plugged: boolean): void;
  plugged(): boolean;
}

export function createSimulatedThermometer(options: { scenario?: PersonScenario; intervalMs?: number; seed?: number } = {}): SimulatedThermometer {
  let scenario = options.scenario ?? 'nobody';
  const random = seededRandom(options.seed ?? 7);
  const readings = createListeners<Reading>();
  const statuses = createListeners<DeviceStatus>();
  let plugged = true;
  let status: DeviceStatus = { kind: 'thermometer', state: 'ready', name: 'Simulated thermometer', simulated: true, detail: `scenario: ${scenario}` };
  const timer = setInterval(() => plugged && readings.emit({ ...scenarioReading(scenario, random), at: new Date().toISOString() }), options.intervalMs ?? 500);
  timer.unref?.();

  return {
    status: () => status,
    onStatus: statuses.add,
    onReading: readings.add,
    requestReading() {},
    setScenario(next) {
      scenario = next;
      status = { ...status, detail: `scenario: ${scenario}` };
      statuses.emit(status);
    },
    scenario: () => scenario,
    setPlugged(next) {
      if (next === plugged) return;
      plugged = next;
      status = plugged ? { ...status, state: 'ready', detail: `scenario: ${scenario}` } : { ...status, state: 'disconnected', detail: 'unplugged (simulated)' };
      statuses.emit(status);
    },
    plugged: () => plugged,
    async close() {
      clearInterval(timer);
      status = { ...status, state: 'disconnected', detail: 'closed' };
      statuses.emit(status);
      readings.clear();
      statuses.clear();
    },
  };
}
