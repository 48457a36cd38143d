-- The model gateway: each sandbox's agent calls models (and the egress proxy) with a token of its
-- own, valid only while the sandbox is live. Only its hash is stored.
alter table sandbox add column agent_token_hash bytea unique;

-- One row per model call through the gateway: who made it, what the provider reported, what it cost.
create table model_call (
    id                 uuid primary key,
    session_id         uuid        not null references session (id),
    prompt_id          uuid,
    user_id            uuid,
    sandbox_id         uuid        not null,
    repository         text,
    provider           text        not null,
    model              text        not null,
    api                text        not null,
    input_tokens       bigint      not null default 0,
    output_tokens      bigint      not null default 0,
    cache_read_tokens  bigint      not null default 0,
    cache_write_tokens bigint      not null default 0,
    reasoning_tokens   bigint      not null default 0,
    -- null: the model's price is unknown (never shown as $0)
    cost_usd           numeric(18, 9),
    status             integer,
    outcome            text        not null,
    error              text,
    started_at         timestamptz not null,
    first_token_ms     bigint,
    duration_ms        bigint      not null
);
create index model_call_session on model_call (session_id);
create index model_call_started on model_call (started_at);
create index model_call_user_started on model_call (user_id, started_at);

-- Limits admitted before work starts: a prompt is admitted (counted against the concurrency limit)
-- once it may start; until then `waiting` says why it has not.
alter table prompt add column admitted_at timestamptz;
alter table prompt add column waiting text;
create index prompt_admitted on prompt (status) where status = 'running' or (status = 'queued' and admitted_at is not null);
