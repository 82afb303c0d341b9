// What leaves the kiosk by a manager's hand: log exports and the printed report.
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import { exportHandlers, type ExportDeps, type ExportMethod } from './handlers.ts';

export type { ExportJob, ExportMethod, RunExport } from './handlers.ts';

export function createExportFeature(deps: ExportDeps): { handlers: HandlersFor<ExportMethod> } {
  return { handlers: exportHandlers(deps) };
}
