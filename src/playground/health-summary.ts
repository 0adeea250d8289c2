import type { Registry } from 'prom-client';
import type { HealthSummary } from './api-types.js';

type Value = { value: number; labels: Record<string, string | number | undefined> };

/**
 * The playground's "Health of Rapport" numbers, read from the app's own registry (what /metrics
 * serves), metric by metric so that only these are collected.
 */
export async function healthSummary(registry: Registry): Promise<HealthSummary> {
  const values = async (name: string): Promise<Value[]> => {
    const metric = registry.getSingleMetric(name);
    if (!metric) return [];
    return (await metric.get()).values as Value[];
  };
  const sum = (found: Value[], keep: (labels: Value['labels']) => boolean = () => true) =>
    found.filter((v) => keep(v.labels)).reduce((total, v) => total + v.value, 0);
  const [requests, apiCalls, waiting, oldest, ticks, lastTick, pool] = await Promise.all([
    values('rapport_slack_requests_total'),
    values('rapport_slack_api_calls_total'),
    values('rapport_outbox_waiting'),
    values('rapport_outbox_oldest_waiting_seconds'),
    values('rapport_scheduler_ticks_total'),
    values('rapport_scheduler_last_tick_timestamp_seconds'),
    values('rapport_db_pool_connections'),
  ]);
  const lastAt = sum(lastTick);
  const state = (name: string) => sum(pool, (l) => l.state === name);
  return {
    requests: {
      total: sum(requests),
      failed: sum(requests, (l) => l.outcome === 'error' || l.outcome === 'no_answer'),
    },
    apiCalls: { total: sum(apiCalls), rateLimited: sum(apiCalls, (l) => l.outcome === 'rate_limited') },
    outbox: { waiting: sum(waiting), oldestSeconds: Math.round(sum(oldest)) },
    ticks: { total: sum(ticks), lastAt: lastAt > 0 ? new Date(lastAt * 1000).toISOString() : null },
    pool: { total: state('total'), idle: state('idle'), waiting: state('waiting') },
  };
}
