// The registry's own clockwork: the day's report at the set hour, and ten-minute slots older than two days removed.
import type { RegistryContext } from './context.ts';
import { generateDueReport } from './reports.ts';

const EVERY_MS = 60_000;

export function startMaintenance(ctx: RegistryContext): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let lastPurge = 0;
  const tick = () => {
    if (running) return;
    running = (async () => {
      try {
        if (await generateDueReport(ctx.db, ctx.now(), ctx.timeZone, ctx.reportHour)) ctx.log('daily report generated');
        if (ctx.now() - lastPurge > 3600_000) {
          await ctx.db.query(`DELETE FROM compound_slots WHERE slot < $1`, [new Date(ctx.now() - 2 * 86_400_000).toISOString()]);
          lastPurge = ctx.now();
        }
      } catch (error) {
        ctx.log(`maintenance failed, tried again in a minute: ${(error as Error).message}`);
      }
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, EVERY_MS);
  timer.unref();
  // Once at start too: a registry started after the report hour makes the day's report without waiting a minute.
  const first = setTimeout(tick, 0);
  first.unref();
  return {
    async stop() {
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
