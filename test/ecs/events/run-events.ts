import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioFile } from '../../../src/scenario/loader.js';
import { runScenario } from '../../../src/scenario/runner.js';
import type { EventBridgeEvent } from '../../../src/ecs/events/eventbridge.js';
import { ROOT, tempDir } from '../../support.js';

export const SCENARIOS = join(ROOT, 'scenarios');

/** Runs a bundled scenario with `eventsPath` and returns the JSONL text, its events and the log hash. */
export function runWithEvents(file: string, seed?: number): { text: string; events: EventBridgeEvent[]; logHash: string } {
  const path = join(tempDir(), 'events.jsonl');
  const { result } = runScenario(loadScenarioFile(join(SCENARIOS, file)), { eventsPath: path, ...(seed === undefined ? {} : { seed }) });
  const text = readFileSync(path, 'utf8');
  const events = text.trim() === '' ? [] : text.trim().split('\n').map((l) => JSON.parse(l) as EventBridgeEvent);
  return { text, events, logHash: result.logHash };
}

export const ofType = (events: readonly EventBridgeEvent[], type: EventBridgeEvent['detail-type']): EventBridgeEvent[] => events.filter((e) => e['detail-type'] === type);
export const named = (events: readonly EventBridgeEvent[], name: string): EventBridgeEvent[] => events.filter((e) => e.detail['eventName'] === name);
