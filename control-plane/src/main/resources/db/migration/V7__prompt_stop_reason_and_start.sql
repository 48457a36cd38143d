-- Why a running prompt was stopped when it was not a person's stop (e.g. its turn timed out):
-- the prompt then ends failed with this reason instead of cancelled.
alter table prompt add column stop_reason text;
-- The seq of the prompt's prompt.started event: its ending, once stored, is found from here on.
alter table prompt add column started_seq bigint;
create index prompt_running_started on prompt (started_at) where status = 'running';
