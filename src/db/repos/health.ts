import { z } from 'zod';
import type { AskedThread, Flow, PeriodInputs } from '../../health/pillars.js';
import type { Queryable } from '../database.js';

/**
 * The counts behind one channel's scorecards, for one period [start, end) or several at once;
 * docs/METRICS.md says what each one is. The statement that counts them is the database function
 * `health_period_counts` (migrations/1765300000000_health-counts-function.sql, last redefined in
 * migrations/1766500000000): it reads each table of the one channel for all the periods asked for
 * at once, and the function keeps its plan, which took longer to make than the statement takes to
 * run. The give ledger's counts come from `health_period_gives` (migrations/1766100000000), in the
 * same statement, and so do the coffee pairs behind `connections` (`health_period_connections`,
 * migrations/1766700000000), and the escalations behind `escalations_resolved_in_time`
 * (`health_period_escalations`, migrations/1767100000000); the statement also reads the threads
 * behind responsiveness (migrations/1766200000000) only where the channel has it on: a channel
 * without it costs one index probe of responsiveness_settings.
 */
export type Period = { teamId: string; channelId: string; start: Date; end: Date };
export type Periods = { teamId: string; channelId: string; periods: { start: Date; end: Date }[] };

const row = z.object({
  i: z.number().int().min(1),
  expected: z.number(),
  answered: z.number(),
  on_time: z.number(),
  raised: z.number(),
  episodes: z.number(),
  mean_open_days: z.number().nullable(),
  scheduled: z.number(),
  held: z.number(),
  deliverables: z.number(),
  contributors: z.number(),
  confirmed: z.number(),
  due: z.number(),
  done_on_time: z.number(),
  completed: z.number(),
  pulse_statements: z.array(z.string()).nullable(),
  pulse_means: z.array(z.number()).nullable(),
  kudos_received: z.array(z.number()).nullable(),
  uses_kudos: z.boolean(),
  kudos_from: z.array(z.string()).nullable(),
  kudos_to: z.array(z.string()).nullable(),
  kudos_count: z.array(z.number()).nullable(),
  credit_from: z.array(z.string()).nullable(),
  credit_to: z.array(z.string()).nullable(),
  credit_count: z.array(z.number()).nullable(),
  declared_sides: z.array(z.string()).nullable(),
  gives_asked: z.number(),
  gives_confirmed: z.number(),
  give_from: z.array(z.string()).nullable(),
  give_to: z.array(z.string()).nullable(),
  give_count: z.array(z.number()).nullable(),
  pairs_ritual: z.boolean(),
  pairs_joined: z.number(),
  pairs_possible: z.number(),
  pairs_met: z.number(),
  pair_meetings: z.number(),
  escalations_settled: z.number(),
  escalations_in_time: z.number(),
  responsiveness_on: z.boolean(),
  target_minutes: z.number().nullable(),
  threads: z
    .array(
      z.tuple([
        z.string(),
        z.string(),
        z.string(),
        z.string().nullable(),
        z.string().nullable(),
        z.string().nullable(),
      ]),
    )
    .nullable(),
});

/**
 * A period's counts as the database gives them: responsiveness as the threads asked around the
 * period, which src/health/period-inputs.ts settles into the period's waits.
 */
export type PeriodCounts = Omit<PeriodInputs, 'responsiveness'> & {
  responsiveness: { targetMinutes: number; threads: AskedThread[] } | null;
};

/** Every count of every period, in the order given. */
export async function periodCounts(q: Queryable, p: Periods): Promise<PeriodCounts[]> {
  const rows = await q.query(
    `select c.*, g.gives_asked, g.gives_confirmed, g.give_from, g.give_to, g.give_count,
            n.pairs_ritual, n.pairs_joined, n.pairs_possible, n.pairs_met, n.pair_meetings,
            e.escalations_settled, e.escalations_in_time,
            s.team_id is not null as responsiveness_on, s.target_minutes,
            case when s.team_id is not null then coalesce((
              select jsonb_agg(jsonb_build_array(t.asker_side, t.asker_zone, t.asked_at,
                                                 t.replier_side, t.replier_zone, t.replied_at)
                               order by t.asked_at)
              from asked_threads t
              where t.team_id = $1 and t.channel_id = $2
                and t.asked_at >= ($3::timestamptz[])[c.i] - interval '14 days'
                and t.asked_at < ($4::timestamptz[])[c.i]
            ), '[]'::jsonb) end as threads
     from health_period_counts($1, $2, $3::timestamptz[], $4::timestamptz[]) c
     join health_period_gives($1, $2, $3::timestamptz[], $4::timestamptz[]) g using (i)
     join health_period_connections($1, $2, $3::timestamptz[], $4::timestamptz[]) n using (i)
     join health_period_escalations($1, $2, $3::timestamptz[], $4::timestamptz[]) e using (i)
     left join responsiveness_settings s on s.team_id = $1 and s.channel_id = $2
     order by c.i`,
    [p.teamId, p.channelId, p.periods.map((x) => x.start), p.periods.map((x) => x.end)],
    row,
  );
  return rows.map((r) => {
    const kudosFlows = flowsOf(r.kudos_from, r.kudos_to, r.kudos_count);
    const creditFlows = flowsOf(r.credit_from, r.credit_to, r.credit_count);
    const giveFlows = flowsOf(r.give_from, r.give_to, r.give_count);
    const seen = [...kudosFlows, ...creditFlows, ...giveFlows].flatMap((f) => [f.from, f.to]);
    return {
      checkins: { expected: r.expected, answered: r.answered, onTime: r.on_time },
      blockers: { raised: r.raised, episodes: r.episodes, meanOpenDays: r.mean_open_days },
      retros: { scheduled: r.scheduled, held: r.held },
      credits: { deliverables: r.deliverables, contributors: r.contributors, confirmed: r.confirmed },
      actions: { due: r.due, doneOnTime: r.done_on_time, completed: r.completed },
      pulse:
        r.pulse_statements && r.pulse_means
          ? r.pulse_statements.map((statement, n) => ({ statement, mean: r.pulse_means?.[n] ?? NaN }))
          : null,
      kudosReceived: r.kudos_received ?? [],
      usesKudos: r.uses_kudos,
      sides: r.declared_sides ?? [...new Set(seen)].sort(),
      kudosFlows,
      creditFlows,
      gives: { asked: r.gives_asked, confirmed: r.gives_confirmed },
      giveFlows,
      connections: {
        pairsRitual: r.pairs_ritual,
        joined: r.pairs_joined,
        possible: r.pairs_possible,
        met: r.pairs_met,
        meetings: r.pair_meetings,
      },
      escalations: { settled: r.escalations_settled, inTime: r.escalations_in_time },
      responsiveness:
        r.responsiveness_on && r.target_minutes !== null
          ? { targetMinutes: r.target_minutes, threads: (r.threads ?? []).map(askedThreadOf) }
          : null,
    };
  });
}

/** [asker side, asker zone, asked at, replier side, replier zone, replied at], as the function builds it. */
function askedThreadOf([side, zone, at, replierSide, replierZone, repliedAt]: [
  string,
  string,
  string,
  string | null,
  string | null,
  string | null,
]): AskedThread {
  return {
    askerSide: side,
    askerZone: zone,
    askedAt: new Date(at),
    reply:
      replierSide && replierZone && repliedAt
        ? { side: replierSide, zone: replierZone, at: new Date(repliedAt) }
        : null,
  };
}

function flowsOf(from: string[] | null, to: string[] | null, count: number[] | null): Flow[] {
  return (from ?? []).map((side, n) => ({ from: side, to: to?.[n] ?? '', count: count?.[n] ?? 0 }));
}
