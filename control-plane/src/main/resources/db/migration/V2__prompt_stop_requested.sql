-- When a stop was asked for a running prompt; a sandbox that does not confirm in time is overruled.
alter table prompt add column stop_requested_at timestamptz;
create index prompt_stop_requested on prompt (stop_requested_at) where status = 'running' and stop_requested_at is not null;
