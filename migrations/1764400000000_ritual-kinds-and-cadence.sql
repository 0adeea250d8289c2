-- Up Migration

-- Retros and pulse checks run on the rituals engine beside stand-ups (digests later), weekly, every
-- other week, or on the first such weekday of each month.
alter table rituals drop constraint rituals_kind_known;
alter table rituals
  add constraint rituals_kind_known check (kind in ('standup', 'retro', 'pulse', 'digest')),
  add column cadence text not null default 'weekly',
  -- The first run's date: where an every-other-week cadence counts from.
  add column starts_on date,
  add constraint rituals_cadence_known check (cadence in ('weekly', 'biweekly', 'monthly')),
  add constraint rituals_biweekly_has_start check (cadence <> 'biweekly' or starts_on is not null);

-- Down Migration
