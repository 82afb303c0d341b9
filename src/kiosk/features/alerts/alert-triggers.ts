// What raises an alert, as plain rules over what the kiosk sees: an entry (fever refusal, watch-list match,
// override), a device down too long, a shift with nobody recorded for too long, the clock off from the registry's,
// and a chain that restarted below what the registry already acknowledged. Each outage or episode raises one alert.
import type { DeviceStatus } from '../../../common/contract/devices.ts';
import type { Entry } from '../../../common/contract/entries.ts';
import { CLOCK_WARNING_SECONDS } from '../../../common/contract/methods/sync.ts';
import type { AlertInput } from './alert-outbox.ts';

/** The alerts one recorded entry raises. */
export function alertsForEntry(entry: Entry): AlertInput[] {
  const alerts: AlertInput[] = [];
  const base = { entryId: entry.id, direction: entry.direction, decision: entry.decision, household: entry.person?.household ?? null };
  if (entry.reasons.includes('fever') && (entry.decision === 'refuse' || entry.override)) {
    alerts.push({ kind: 'fever', summary: `fever ${entry.temperature?.bodyC.toFixed(1) ?? '?'} °C refused (${entry.direction})`, detail: { ...base, bodyC: entry.temperature?.bodyC ?? null } });
  }
  if (entry.watch) {
    const first = entry.watch.hits[0]!;
    alerts.push({
      kind: 'watch-list',
      summary: `watch list v${entry.watch.version}: ${first.kind} (row ${first.ref}) ${entry.decision === 'refuse' ? 'refused' : 'passed'} going ${entry.direction}`,
      detail: { ...base, version: entry.watch.version, listKind: first.kind, ref: first.ref, rows: entry.watch.hits.map((h) => h.ref).join(','), maskedId: entry.identity.maskedId ?? null },
    });
  }
  if (entry.override) {
    alerts.push({ kind: 'override', summary: `override by ${entry.override.by}: ${entry.override.reason} (${entry.reasons.join(', ')})`, detail: { ...base, by: entry.override.by, reason: entry.override.reason, reasons: entry.reasons.join(',') } });
  }
  return alerts;
}

/** Devices down since when; an alert once a device has been down past the limit, one per outage. */
export function createDeviceWatch(limitMs: number) {
  const downSince = new Map<string, { since: number; alerted: boolean; status: DeviceStatus }>();
  return {
    seen(status: DeviceStatus, nowMs: number): void {
      if (status.state === 'ready' || status.simulated) downSince.delete(status.kind);
      else if (!downSince.has(status.kind) && status.state !== 'connecting') downSince.set(status.kind, { since: nowMs, alerted: false, status });
      else if (downSince.has(status.kind)) downSince.get(status.kind)!.status = status;
    },
    due(nowMs: number): AlertInput[] {
      const due: AlertInput[] = [];
      for (const [kind, d] of downSince) {
        if (d.alerted || nowMs - d.since < limitMs) continue;
        d.alerted = true;
        const minutes = Math.round((nowMs - d.since) / 60_000);
        due.push({ kind: 'device-down', summary: `${kind} ${d.status.state} for ${minutes} min: ${d.status.detail ?? d.status.name}`, detail: { device: kind, state: d.status.state, minutes, name: d.status.name } });
      }
      return due;
    },
  };
}

/** A shift signed on and nobody recorded for the limit: one alert per silence, ended by the next entry or shift. */
export function createSilenceWatch(limitMs: number) {
  let alertedFor: string | null = null;
  return {
    due(shift: { id: string; volunteer: string; startedAt: string } | null, lastEntryMs: number | null, nowMs: number): AlertInput[] {
      if (!shift) return [];
      const since = Math.max(Date.parse(shift.startedAt), lastEntryMs ?? 0);
      const key = `${shift.id}@${since}`;
      if (nowMs - since < limitMs || alertedFor === key) return [];
      alertedFor = key;
      const minutes = Math.round((nowMs - since) / 60_000);
      return [{ kind: 'kiosk-silent', summary: `${shift.volunteer} is signed on but nobody was recorded for ${minutes} min`, detail: { shiftId: shift.id, volunteer: shift.volunteer, minutes } }];
    },
  };
}

/** The clock off from the registry's: one alert per episode (it ends when the clock is right again). */
export function createClockWatch() {
  let off = false;
  return {
    seen(skewSeconds: number | undefined): AlertInput[] {
      if (skewSeconds === undefined) return [];
      const now = Math.abs(skewSeconds) > CLOCK_WARNING_SECONDS;
      const raise = now && !off;
      off = now;
      return raise ? [{ kind: 'clock-skew', summary: `kiosk clock ${skewSeconds > 0 ? 'ahead' : 'behind'} of the registry by ${Math.round(Math.abs(skewSeconds) / 60)} min`, detail: { skewSeconds } }] : [];
    },
  };
}

/** The local chain below what the registry acknowledged: the database was restored from an older copy or replaced. */
export function chainRestart(chainHead: number, acknowledged: number): AlertInput | null {
  if (chainHead >= acknowledged) return null;
  return {
    kind: 'chain-restart',
    summary: `this kiosk's log restarted at entry ${chainHead} although the registry holds up to ${acknowledged}: its database was restored or replaced`,
    detail: { chainHead, acknowledged },
    once: `${acknowledged}->${chainHead}`,
  };
}
