-- Up Migration

-- The governance review (issue 19, point 5). How often the channel is asked to confirm or revise its
-- decision rights and escalation levels is kept with the charter VERSION, like every other part the
-- form saves: a version says all that was agreed (the cadence included), none is ever overwritten,
-- a change of cadence alone is a new version the history shows, and the export's charter lines carry
-- it. When the next review is due is the charter's (one per channel, moving on at every version and
-- every confirmation), so the scheduler claims it there with one conditional update, once.
alter table charter_versions
  add column review_cadence text not null default 'quarterly',
  add constraint charter_versions_review_cadence check (
    review_cadence in ('monthly', 'quarterly', 'half-yearly', 'never')
  );

alter table charters
  -- When the channel is next asked; null when it is not to be asked (never, nothing to review, or a
  -- review asked and not answered yet).
  add column review_due_at timestamptz;

-- The scheduler's look for charters whose review has come due, for every workspace.
create index charters_review_due on charters (review_due_at) where review_due_at is not null;

-- Each review the channel was asked, and its answer: confirmed ("Still right") or revised (a new
-- version saved while it was open). Answered once (a conditional update on answered_at).
create table charter_reviews (
  team_id text not null,
  id bigint generated always as identity,
  channel_id text not null,
  -- The version whose decision rights and escalation levels were put to the channel.
  version integer not null,
  -- When it came due (the claim), and when it was asked.
  due_at timestamptz not null,
  asked_at timestamptz not null,
  outcome text,
  answered_by text,
  answered_at timestamptz,
  -- The version a revision saved.
  revised_version integer,
  primary key (team_id, id),
  -- A due date is asked about once, whichever replica claimed it.
  constraint charter_reviews_once unique (team_id, channel_id, due_at),
  constraint charter_reviews_charter_fkey foreign key (team_id, channel_id)
    references charters (team_id, channel_id) on delete cascade on update cascade,
  constraint charter_reviews_outcome check (
    (outcome is null and answered_at is null and answered_by is null)
    or (outcome = 'confirmed' and answered_at is not null and answered_by is not null and revised_version is null)
    or (outcome = 'revised' and answered_at is not null and answered_by is not null and revised_version is not null)
  )
);

-- Charters written before: the first review comes a quarter after their latest version, where that
-- version has decision rights or escalation levels to review.
update charters c
set review_due_at = ((v.saved_at at time zone 'UTC') + interval '3 months') at time zone 'UTC'
from charter_versions v
where v.team_id = c.team_id and v.channel_id = c.channel_id
  and v.version = (select max(version) from charter_versions w
                   where w.team_id = c.team_id and w.channel_id = c.channel_id)
  and (cardinality(v.decision_rights) > 0 or jsonb_array_length(v.escalation_levels) > 0);

-- Down Migration

drop table charter_reviews;
drop index charters_review_due;
alter table charters drop column review_due_at;
alter table charter_versions
  drop constraint charter_versions_review_cadence,
  drop column review_cadence;
