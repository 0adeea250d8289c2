import type pg from 'pg';

/**
 * A year of one 2,000-person workspace's alliance channels, generated in SQL (insert … select over
 * generate_series) so that a million rows take seconds, not an hour of round trips:
 *   - 2,000 people in the directory, 1,600 of the workspace and 400 of a partner workspace that
 *     joins through Slack Connect;
 *   - 200 alliance channels of 10 to 40 members, about a quarter from the partner; a quarter of the
 *     channels declared their sides with /health sides, the rest are sided by workspace;
 *   - a stand-up in every channel (Monday to Friday, or Monday, Wednesday and Friday) for about
 *     half its members: about 640k occurrences and 500k check-ins (most answered, some late, some
 *     skipped, blockers that stay a few days), with holidays, away days and missed prompts;
 *   - about a million kudos (reactions mostly, commands otherwise; a few retracted; the first two
 *     months without the sides recorded, as before that release);
 *   - about 20k credits with 1 to 4 contributors each (most confirmed, some declined);
 *   - a retro every other week in a third of the channels, with notes and action items (done on
 *     time, late, or still open), and a monthly pulse check in two fifths, with their answers;
 *   - the weekly scorecards a digest stored for the year, which its trend reads.
 * Every row respects the migrations' keys and checks. `random()` is seeded, so the rows are the
 * same from run to run on one engine. `scale` (0–1] shrinks the kudos, the credits and the stand-up
 * days alike, for an engine too slow to seed the full year in a bench run.
 */

export const TEAM = 'T0ACME0001';
export const PARTNER = 'T0GLOBEX01';
/** Monday 23 November 2026, 08:00 UTC: the end of the year of data, and of the digest's period. */
export const END = new Date('2026-11-23T08:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

const PEOPLE = 2_000;
const PARTNER_PEOPLE = 400;
const CHANNELS = 200;
const KUDOS_PER_CHANNEL = 5_220;
const CREDITS_PER_CHANNEL = 100;
const STANDUP_SHARE = 0.52;
const QUESTIONS = [
  'What did you get done since last time?',
  'What will you do next?',
  'Anything blocking you?',
];
const STATEMENTS = ['We share information openly', 'They do what they say', 'We are heading the same way'];

export type SeedSizes = Record<string, number>;
export type SeedStep = { step: string; ms: number };

/** Fills a freshly migrated database; returns how long each step took. */
export async function seedYear(client: pg.Client, scale = 1): Promise<SeedStep[]> {
  const days = Math.max(14 * 7, Math.round(364 * scale));
  const start = new Date(END.getTime() - days * DAY_MS);
  const startDate = start.toISOString().slice(0, 10);
  const endDate = END.toISOString().slice(0, 10);
  const steps: SeedStep[] = [];
  const run = async (step: string, ...statements: string[]) => {
    const started = performance.now();
    for (const sql of statements) await client.query(sql);
    steps.push({ step, ms: performance.now() - started });
  };
  const ts = (d: Date) => `'${d.toISOString()}'::timestamptz`;
  const text = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;

  await run(
    'people and channels',
    'select setseed(0.2026)',
    `create temp table seed_users as
     select n, 'U0' || lpad(n::text, 8, '0') as user_id,
            case when n < ${PEOPLE - PARTNER_PEOPLE} then '${TEAM}' else '${PARTNER}' end as home
     from generate_series(0, ${PEOPLE - 1}) n`,
    `insert into slack_users (team_id, user_id, home_team_id, display_name, is_bot, is_deleted, is_admin, tz, fetched_at)
     select '${TEAM}', user_id, home, 'Person ' || n, false, false, n < 5,
            (array['Europe/Berlin', 'America/New_York', 'Europe/London', 'Asia/Singapore'])[1 + n % 4],
            ${ts(END)} - interval '3 days'
     from seed_users`,
    // Sizes 10 to 40; kudos and credits vary from channel to channel around their means.
    `create temp table seed_channels as
     select c, 'C0' || lpad(c::text, 8, '0') as channel_id, size,
            ceil(size * ${STANDUP_SHARE})::int as standup_people,
            random() < 0.7 as weekdays,
            (array['UTC', 'Europe/Berlin', 'America/New_York', 'Europe/London', 'Asia/Singapore'])[1 + c % 5] as zone,
            round(${KUDOS_PER_CHANNEL * scale} * (0.2 + 1.6 * random()))::int as kudos,
            round(${CREDITS_PER_CHANNEL * scale} * (0.5 + random()))::int as credits
     from (select c, 10 + floor(random() * 31)::int as size from generate_series(0, ${CHANNELS - 1}) c) s`,
    // Each channel's members, numbered 0.. in a random order: three quarters of the workspace, a
    // quarter of the partner.
    `create temp table seed_members as
     select ch.c, (row_number() over (partition by ch.c order by random()) - 1)::int as idx, u.user_id, u.home
     from seed_channels ch
     cross join lateral (
       (select user_id, home from seed_users where home = '${TEAM}' order by random() limit ch.size - ch.size / 4)
       union all
       (select user_id, home from seed_users where home = '${PARTNER}' order by random() limit ch.size / 4)
     ) u`,
    'create index on seed_members (c, idx)',
    'analyze seed_users',
    'analyze seed_channels',
    'analyze seed_members',
    `insert into alliance_sides (team_id, channel_id, user_id, side, declared_by, declared_at)
     select '${TEAM}', ch.channel_id, m.user_id, case m.home when '${TEAM}' then 'Acme' else 'Globex' end,
            (select user_id from seed_members where c = ch.c and idx = 0), ${ts(start)}
     from seed_channels ch join seed_members m on m.c = ch.c
     where ch.c % 4 = 0 and m.idx % 20 <> 19`,
  );

  await run(
    'rituals',
    `insert into rituals (team_id, channel_id, kind, days, time_of_day, zone, questions, participants,
                          created_by, created_at, updated_at, cadence, starts_on)
     select '${TEAM}', ch.channel_id, k.kind, k.days::smallint[], k.time_of_day, ch.zone, k.questions, k.participants,
            (select user_id from seed_members where c = ch.c and idx = 0),
            ${ts(start)} - interval '30 days', ${ts(start)} - interval '30 days', k.cadence, k.starts_on
     from seed_channels ch
     cross join lateral (values
       ('standup', case when ch.weekdays then '{1,2,3,4,5}' else '{1,3,5}' end, '09:30', ${text(QUESTIONS)},
        (select array_agg(user_id order by idx) from seed_members m where m.c = ch.c and m.idx < ch.standup_people),
        'weekly', null::date, true),
       ('retro', '{5}', '15:00', '{}'::text[], null, 'biweekly',
        '${startDate}'::date + (5 - extract(isodow from '${startDate}'::date)::int + 7) % 7, ch.c % 3 = 0),
       ('pulse', '{1}', '11:00', ${text(STATEMENTS)}, null, 'monthly', null, ch.c % 5 in (1, 3))
     ) as k(kind, days, time_of_day, questions, participants, cadence, starts_on, wanted)
     where k.wanted`,
    `create temp table seed_rituals as
     select r.id, r.kind, r.days, r.time_of_day, r.starts_on, ch.*
     from rituals r join seed_channels ch on ch.channel_id = r.channel_id`,
    'analyze seed_rituals',
  );

  // Holidays: nobody is prompted. Otherwise 5% away, 1% missed (downtime), 4% answered before the prompt.
  await run(
    'stand-up occurrences',
    `insert into ritual_occurrences (team_id, ritual_id, participant_id, local_date, scheduled_at, status, decided_at)
     select '${TEAM}', r.id, m.user_id, d.day, at, status, at
     from seed_rituals r
     join seed_members m on m.c = r.c and m.idx < r.standup_people
     cross join lateral (select g::date as day from generate_series('${startDate}'::date, '${endDate}'::date - 1, interval '1 day') g) d
     cross join lateral (select (d.day + r.time_of_day::time) at time zone r.zone as at) t
     cross join lateral (select case
         when to_char(d.day, 'MM-DD') in ('12-25', '12-26', '01-01', '05-01', '08-15', '11-11') then 'skipped'
         else (array['away', 'missed', 'answered', 'sent'])[1 + width_bucket(random(), array[0.05, 0.06, 0.10])]
       end as status) s
     where r.kind = 'standup' and extract(isodow from d.day)::int = any(r.days)`,
  );

  // Of the prompts sent: 82% answered (about one in eight after the close), 5% skipped, the rest
  // unanswered. Blockers come in runs: a person blocked in a five-day window says so most days of it.
  await run(
    'check-ins',
    `insert into checkins (team_id, ritual_id, user_id, local_date, status, answers, blocker, message_ts,
                           submitted_at, updated_at)
     with o as materialized (
       select o.*, random() as x, random() as y, random() as z
       from ritual_occurrences o
       where o.status in ('sent', 'answered')
     )
     select o.team_id, o.ritual_id, o.participant_id, o.local_date, a.status,
            case when a.status = 'answered' then jsonb_build_array(
              jsonb_build_object('question', ${`'${QUESTIONS[0]}'`}, 'answer', 'Finished the review of item ' || (o.y * 1000)::int),
              jsonb_build_object('question', ${`'${QUESTIONS[1]}'`}, 'answer', 'Pair with the partner team on the rollout'),
              jsonb_build_object('question', ${`'${QUESTIONS[2]}'`}, 'answer', case when a.blocker then 'Waiting on access' else 'No' end))
            else '[]'::jsonb end,
            a.blocker,
            case when a.status = 'answered' then floor(extract(epoch from a.at))::bigint || '.' || lpad((o.y * 999999)::int::text, 6, '0') end,
            a.at, a.at
     from o
     join rituals r on r.id = o.ritual_id
     cross join lateral (select
         case when o.status = 'answered' or o.x < 0.82 then 'answered' else 'skipped' end as status,
         case when o.status = 'answered' then o.scheduled_at - (1 + o.y * 90) * interval '1 minute'
              when o.x < 0.82 then o.scheduled_at + (o.y ^ 4) * interval '300 minutes'
              else o.scheduled_at + o.y * interval '60 minutes' end as at,
         (o.status = 'answered' or o.x < 0.82)
           and abs(hashtext(o.participant_id || ':' || r.channel_id || ':' || ((o.local_date - '${startDate}'::date) / 5))) % 18 = 0
           and o.z < 0.85 as blocker) a
     where r.kind = 'standup' and (o.status = 'answered' or o.x < 0.87)`,
  );

  // Kudos in working hours on any day of the year, between two different members of the channel.
  await run(
    'kudos',
    `insert into kudos (team_id, giver_id, receiver_id, channel_id, source, command_id, message_ts, emoji, reason,
                        created_at, retracted_at, giver_team_id, receiver_team_id)
     with k as materialized (
       select ch.c, ch.channel_id, ch.size, s as seq, random() as x,
              ${ts(start)} + floor(random() * ${days}) * interval '1 day' + (random() * 10) * interval '1 hour' as at,
              floor(random() * ch.size)::int as gi, 1 + floor(random() * (ch.size - 1))::int as gap
       from seed_channels ch cross join generate_series(1, ch.kudos) s
     )
     select '${TEAM}', g.user_id, r.user_id, k.channel_id,
            case when k.x < 0.72 then 'reaction' else 'command' end,
            case when k.x >= 0.72 then 'cmd-' || k.c || '-' || k.seq end,
            case when k.x < 0.72 then floor(extract(epoch from k.at))::bigint || '.' || lpad(k.seq::text, 6, '0') end,
            case when k.x < 0.72 then (case when k.x < 0.5 then 'clap' else 'raised_hands' end) end,
            case when k.x >= 0.72 then 'Thanks for the help with the rollout' end,
            k.at,
            case when k.x < 0.01 then k.at + interval '1 hour' end,
            case when k.at >= ${ts(start)} + interval '60 days' then g.home end,
            case when k.at >= ${ts(start)} + interval '60 days' then r.home end
     from k
     join seed_members g on g.c = k.c and g.idx = k.gi
     join seed_members r on r.c = k.c and r.idx = (k.gi + k.gap) % k.size`,
  );

  // Credits name the next 1 to 4 members after the giver: 78% confirm, 14% have not answered, 8% decline.
  await run(
    'credits',
    `create temp table seed_credits as
     select ch.c, ch.channel_id, ch.size, s as seq, floor(random() * ch.size)::int as gi,
            1 + floor(random() * 4)::int as named,
            ${ts(start)} + floor(random() * ${days}) * interval '1 day' + (random() * 10) * interval '1 hour' as at
     from seed_channels ch cross join generate_series(1, ch.credits) s`,
    `insert into credits (team_id, channel_id, deliverable, link, given_by, submission_key, revision, created_at)
     select '${TEAM}', sc.channel_id, 'Deliverable ' || sc.seq,
            case when sc.seq % 3 = 0 then 'https://docs.example.com/d/' || sc.c || '-' || sc.seq end,
            g.user_id, 'credit-' || sc.c || '-' || sc.seq, 1 + sc.named, sc.at
     from seed_credits sc join seed_members g on g.c = sc.c and g.idx = sc.gi`,
    `insert into credit_contributors (team_id, credit_id, contributor_id, contribution, status, corrected, answered_at)
     select '${TEAM}', cr.id, m.user_id, case when j = 1 then 'Led the work' end, st.status, false,
            case when st.status <> 'unconfirmed' then cr.created_at + interval '5 hours' end
     from seed_credits sc
     join credits cr on cr.team_id = '${TEAM}' and cr.submission_key = 'credit-' || sc.c || '-' || sc.seq
     cross join generate_series(1, sc.named) j
     join seed_members m on m.c = sc.c and m.idx = (sc.gi + j) % sc.size
     cross join lateral (select (array['confirmed', 'unconfirmed', 'declined'])[1 + width_bucket(random(), array[0.78, 0.92])]
                         as status where j > 0) st`,
  );

  // Retro days every other Friday (5% called off); 90% of them opened a retro, 85% of those got
  // notes; each retro's action items are due a week or two later: 55% done on time, 20% late.
  await run(
    'retros',
    `insert into ritual_occurrences (team_id, ritual_id, participant_id, local_date, scheduled_at, status, decided_at)
     select '${TEAM}', r.id, '', d.day, at, case when random() < 0.05 then 'skipped' else 'sent' end, at
     from seed_rituals r
     cross join lateral (select g::date as day from generate_series(r.starts_on, '${endDate}'::date - 1, interval '14 days') g) d
     cross join lateral (select (d.day + r.time_of_day::time) at time zone r.zone as at) t
     where r.kind = 'retro'`,
    `insert into retros (team_id, channel_id, title, ritual_id, local_date, start_key, started_by, opened_at,
                         closed_at, closed_by)
     select '${TEAM}', r.channel_id, 'Retro ' || o.local_date, r.id, o.local_date,
            'ritual:' || r.id || ':' || o.local_date, null, o.scheduled_at,
            o.scheduled_at + interval '2 days', (select user_id from seed_members where c = r.c and idx = 0)
     from ritual_occurrences o join seed_rituals r on r.id = o.ritual_id
     where r.kind = 'retro' and o.status = 'sent' and random() < 0.9`,
    `insert into retro_notes (team_id, retro_id, category, body, author_id, share_name, submission_key, created_at, updated_at)
     select '${TEAM}', t.id, (array['went_well', 'to_improve', 'idea'])[1 + n % 3], 'Note ' || n || ' about the sprint',
            m.user_id, n % 4 = 0, 'note-' || t.id || '-' || n, t.opened_at + n * interval '5 minutes',
            t.opened_at + n * interval '5 minutes'
     from (select t.*, r.c, r.size, 3 + floor(random() * 8)::int as notes
           from retros t join seed_rituals r on r.id = t.ritual_id where random() < 0.85) t
     cross join generate_series(1, t.notes) n
     join seed_members m on m.c = t.c and m.idx = (n * 7) % t.size`,
    `insert into action_items (team_id, channel_id, retro_id, owner_id, body, due_on, created_by, create_key,
                               created_at, done_at, done_by)
     select '${TEAM}', a.channel_id, a.id, a.owner, 'Follow up on point ' || a.n, a.due_on, a.owner,
            'action-' || a.id || '-' || a.n, a.created_at, d.done_at, case when d.done_at is not null then a.owner end
     from (select t.id, t.channel_id, n, m.user_id as owner, t.opened_at + interval '1 hour' as created_at,
                  t.local_date + 7 * (1 + floor(random() * 2))::int as due_on, random() as x
           from (select t.*, floor(random() * 4)::int as items from retros t) t
           join seed_rituals r on r.id = t.ritual_id
           cross join generate_series(1, t.items) n
           join seed_members m on m.c = r.c and m.idx = (n * 3) % r.size) a
     cross join lateral (select case
         when a.x < 0.55 then greatest(a.created_at + interval '1 hour', (a.due_on - 2)::timestamp at time zone 'UTC')
         when a.x < 0.75 then (a.due_on + 3)::timestamp at time zone 'UTC'
       end as at) w
     cross join lateral (select case when w.at < ${ts(END)} then w.at end as done_at) d`,
  );

  // A round on the first Monday of each month, closed two days later; 1 to 15 answers (a round with
  // fewer than 3 is never shown).
  await run(
    'pulse',
    `create temp table seed_rounds as
     select r.id as ritual_id, r.c, r.channel_id, r.size, d.day, (d.day + r.time_of_day::time) at time zone r.zone as at,
            1 + floor(random() * least(r.size, 15))::int as answers
     from seed_rituals r
     cross join lateral (
       select g as day
       from generate_series(date_trunc('month', '${startDate}'::timestamp), '${endDate}'::timestamp, interval '1 month') m
       cross join lateral (select m::date + (8 - extract(isodow from m)::int) % 7) as f(g)
       where g >= '${startDate}'::date and g < '${endDate}'::date
     ) d
     where r.kind = 'pulse'`,
    `insert into ritual_occurrences (team_id, ritual_id, participant_id, local_date, scheduled_at, status, decided_at)
     select '${TEAM}', ritual_id, '', day, at, 'sent', at from seed_rounds`,
    `insert into pulse_rounds (team_id, ritual_id, round_date, channel_id, statements, closed_at)
     select '${TEAM}', ritual_id, day, channel_id, ${text(STATEMENTS)},
            case when at + interval '2 days' < ${ts(END)} then at + interval '2 days' end
     from seed_rounds`,
    `insert into pulse_participation (team_id, ritual_id, round_date, user_id)
     select '${TEAM}', r.ritual_id, r.day, m.user_id
     from seed_rounds r join seed_members m on m.c = r.c and m.idx < r.answers`,
    `insert into pulse_responses (team_id, ritual_id, round_date, scores, comment)
     select '${TEAM}', r.ritual_id, r.day,
            array[2 + floor(random() * 4), 2 + floor(random() * 4), 1 + floor(random() * 5)]::smallint[],
            case when random() < 0.2 then 'More overlap in our hours would help' end
     from seed_rounds r cross join generate_series(1, r.answers) n`,
  );

  // Coffee pairs in every other channel: nine in ten members joined; a round each Monday pairs
  // them at random (an odd one out sits out), and 70% of the groups say they met two days later.
  await run(
    'coffee pairs',
    `insert into rituals (team_id, channel_id, kind, days, time_of_day, zone, questions, close_after_minutes,
                          reminder_before_close_minutes, created_by, created_at, updated_at, cadence)
     select '${TEAM}', ch.channel_id, 'pairs', '{1}', '10:00', ch.zone, '{}', 10080, null,
            (select user_id from seed_members where c = ch.c and idx = 0),
            ${ts(start)} - interval '30 days', ${ts(start)} - interval '30 days', 'weekly'
     from seed_channels ch where ch.c % 2 = 0`,
    `insert into pair_members (team_id, channel_id, user_id, user_team_id, zone, joined, updated_at, joined_at)
     select '${TEAM}', ch.channel_id, m.user_id, m.home, ch.zone, m.idx % 10 <> 9, ${ts(start)},
            case when m.idx % 10 <> 9 then ${ts(start)} end
     from seed_channels ch join seed_members m on m.c = ch.c
     where ch.c % 2 = 0`,
    `create temp table seed_pair_rounds as
     select r.id as ritual_id, ch.c, ch.channel_id, d::date as day
     from rituals r join seed_channels ch on ch.channel_id = r.channel_id
     cross join generate_series(date_trunc('week', ${ts(start)} at time zone 'UTC')::date + 7,
                                '${endDate}'::date - 1, interval '7 days') d
     where r.team_id = '${TEAM}' and r.kind = 'pairs'`,
    `insert into pair_rounds (team_id, ritual_id, round_date, channel_id, made_at)
     select '${TEAM}', ritual_id, day, channel_id, (day + time '09:00') at time zone 'UTC' from seed_pair_rounds`,
    `insert into pair_groups (team_id, ritual_id, round_date, group_no, members, met_at)
     select '${TEAM}', ritual_id, day, g + 1, array_agg(user_id order by user_id),
            case when random() < 0.7 and (day + interval '2 days 12 hours') at time zone 'UTC' < ${ts(END)}
                 then (day + interval '2 days 12 hours') at time zone 'UTC' end
     from (
       select r.ritual_id, r.day, m.user_id,
              (row_number() over (partition by r.ritual_id, r.day order by random()) - 1) / 2 as g
       from seed_pair_rounds r join seed_members m on m.c = r.c and m.idx % 10 <> 9
     ) x
     group by ritual_id, day, g
     having count(*) >= 2`,
    'analyze pair_members',
    'analyze pair_rounds',
    'analyze pair_groups',
  );

  // What each weekly digest stored: the trend reads the last 8.
  await run(
    'stored scorecards',
    `insert into health_periods (team_id, channel_id, period_start, period_end, score, pillars, metrics, inputs, computed_at)
     select '${TEAM}', ch.channel_id, e - interval '7 days', e, round((100 * (p.c + p.v + p.t) / 3)::numeric, 1)::float8,
            jsonb_build_object('collaboration', p.c, 'value', p.v, 'trust', p.t),
            jsonb_build_object('participation', p.c, 'on_time', p.c, 'blocker_resolution', p.c, 'retros_held', null,
                               'credits_confirmed', p.v, 'actions_on_time', null, 'pulse', p.t,
                               'recognition_breadth', p.t, 'recognition_fairness', p.t, 'kudos_reciprocity', p.t,
                               'credit_reciprocity', null, 'cross_side_kudos', p.t),
            jsonb_build_object(
              'checkins', jsonb_build_object('expected', 60, 'answered', round(60 * p.c), 'onTime', round(50 * p.c)),
              'blockers', jsonb_build_object('raised', 3, 'episodes', 2, 'meanOpenDays', 2.5),
              'retros', jsonb_build_object('scheduled', 0, 'held', 0),
              'credits', jsonb_build_object('deliverables', 2, 'contributors', 5, 'confirmed', round(5 * p.v)),
              'actions', jsonb_build_object('due', 0, 'doneOnTime', 0, 'completed', 0),
              'pulse', null, 'kudosReceived', '[4, 2, 0, 7, 1]'::jsonb, 'usesKudos', true,
              'sides', '["Acme", "Globex"]'::jsonb, 'kudosFlows', '[]'::jsonb, 'creditFlows', '[]'::jsonb),
            e
     from seed_channels ch
     cross join generate_series(${ts(start)} + interval '7 days', ${ts(END)} - interval '7 days', interval '7 days') e
     cross join lateral (select round((0.5 + random() / 2)::numeric, 3)::float8 as c,
                                round((0.4 + random() / 2)::numeric, 3)::float8 as v,
                                round((0.3 + random() / 2)::numeric, 3)::float8 as t
                         where e is not null) p`,
  );

  await run(
    'vacuum and analyze',
    'drop table seed_users, seed_channels, seed_members, seed_rituals, seed_credits, seed_rounds, seed_pair_rounds',
    'vacuum analyze',
  );
  return steps;
}

/** How many rows each table the digest reads holds. */
export async function seedSizes(client: pg.Client): Promise<SeedSizes> {
  const tables = [
    'slack_users',
    'alliance_sides',
    'rituals',
    'ritual_occurrences',
    'checkins',
    'kudos',
    'credits',
    'credit_contributors',
    'retros',
    'retro_notes',
    'action_items',
    'pulse_rounds',
    'pulse_responses',
    'pair_members',
    'pair_groups',
    'health_periods',
  ];
  const { rows } = await client.query<{ name: string; count: number }>(
    tables.map((t) => `select '${t}' as name, count(*)::int as count from ${t}`).join(' union all '),
  );
  const sizes: SeedSizes = {};
  for (const row of rows) sizes[row.name] = row.count;
  const { rows: channels } = await client.query<{ count: number }>(
    'select count(distinct channel_id)::int as count from rituals',
  );
  sizes.channels = channels[0]?.count ?? 0;
  return sizes;
}
