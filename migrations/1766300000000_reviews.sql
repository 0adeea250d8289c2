-- Up Migration

-- Quarterly (or monthly) reviews: a ritual whose forms go out a week before it (its lead), and whose
-- close, at the review's own time, posts the review pack. A quarterly cadence runs on the first such
-- weekday of January, April, July and October.
alter table rituals
  drop constraint rituals_kind_known,
  drop constraint rituals_cadence_known,
  drop constraint rituals_close_valid;
alter table rituals
  add column lead_minutes int not null default 0,
  add constraint rituals_kind_known check (kind in ('standup', 'retro', 'pulse', 'digest', 'review')),
  add constraint rituals_cadence_known check (cadence in ('weekly', 'biweekly', 'monthly', 'quarterly')),
  add constraint rituals_lead_valid check (lead_minutes between 0 and 20160),
  add constraint rituals_close_valid check (
    close_after_minutes between 15 and 2880 or (kind = 'review' and close_after_minutes between 15 and 20160)
  );

-- One review of a ritual, by the review's date: opened when its forms go out, packed once when the
-- pack is posted (answers close then).
create table reviews (
  team_id text not null,
  ritual_id bigint not null,
  review_date date not null,
  channel_id text not null,
  opened_at timestamptz not null,
  packed_at timestamptz,
  primary key (team_id, ritual_id, review_date)
);

-- What each person answered before a review: their top priorities for the next period, what the
-- partner did that helped most, and one thing to change. One answer a person, which they may edit
-- until the pack is posted. Their own workspace is kept for their side (docs/METRICS.md, "Sides").
create table review_answers (
  team_id text not null,
  ritual_id bigint not null,
  review_date date not null,
  user_id text not null,
  user_team_id text,
  priorities text[] not null,
  helped text,
  change text,
  submitted_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (team_id, ritual_id, review_date, user_id),
  foreign key (team_id, ritual_id, review_date) references reviews (team_id, ritual_id, review_date)
    on update cascade on delete cascade,
  constraint review_answers_priorities check (
    cardinality(priorities) between 1 and 3
    and char_length(array_to_string(priorities, '')) <= 600
  ),
  constraint review_answers_lengths check (
    coalesce(char_length(helped), 0) <= 500 and coalesce(char_length(change), 0) <= 500
  )
);

create or replace function adopt_shared_channel(p_from text, p_channel text) returns void
language plpgsql as $$
begin
  update rituals set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update retros set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update action_items set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update charters set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update decisions set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update credits set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update debriefs set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos_reactions set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos_announcements set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update alliance_sides set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update health_periods set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update gives set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update responsiveness_settings set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from responsiveness_settings s where s.team_id = p_channel and s.channel_id = p_channel);
  update asked_threads set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from asked_threads t
                      where t.team_id = p_channel and t.channel_id = p_channel and t.thread_ts = asked_threads.thread_ts);
  -- A review's answers follow it (on update cascade).
  update reviews set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update outbox set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from outbox o where o.team_id = p_channel and o.dedupe_key = outbox.dedupe_key);
end
$$;

-- Down Migration

create or replace function adopt_shared_channel(p_from text, p_channel text) returns void
language plpgsql as $$
begin
  update rituals set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update retros set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update action_items set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update charters set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update decisions set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update credits set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update debriefs set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos_reactions set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update kudos_announcements set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update alliance_sides set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update health_periods set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update gives set team_id = p_channel where team_id = p_from and channel_id = p_channel;
  update responsiveness_settings set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from responsiveness_settings s where s.team_id = p_channel and s.channel_id = p_channel);
  update asked_threads set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from asked_threads t
                      where t.team_id = p_channel and t.channel_id = p_channel and t.thread_ts = asked_threads.thread_ts);
  update outbox set team_id = p_channel
    where team_id = p_from and channel_id = p_channel
      and not exists (select 1 from outbox o where o.team_id = p_channel and o.dedupe_key = outbox.dedupe_key);
end
$$;
drop table review_answers;
drop table reviews;
delete from rituals where kind = 'review' or cadence = 'quarterly';
alter table rituals
  drop constraint rituals_kind_known,
  drop constraint rituals_cadence_known,
  drop constraint rituals_close_valid,
  drop constraint rituals_lead_valid,
  drop column lead_minutes;
alter table rituals
  add constraint rituals_kind_known check (kind in ('standup', 'retro', 'pulse', 'digest')),
  add constraint rituals_cadence_known check (cadence in ('weekly', 'biweekly', 'monthly')),
  add constraint rituals_close_valid check (close_after_minutes between 15 and 2880);
