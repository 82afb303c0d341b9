// What leaves the kiosk by a manager's hand: log exports and the printed report.
import type { exportMethods } from '../../../common/contract/methods/export.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import { exportHandlers, type ExportDeps } from './handlers.ts';

export type ExportMethod = keyof typeof exportMethods;

export function createExportFeature(deps: ExportDeps): { handlers: HandlersFor<ExportMethod> } {
  return { handlers: exportHandlers(deps) };
}
