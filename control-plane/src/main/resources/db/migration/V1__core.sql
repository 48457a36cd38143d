-- Users and their API tokens. Tokens are stored as SHA-256 hashes only.
create table app_user (
    id          uuid primary key,
    name        text        not null,
    email       text,
    login       text unique,
    role        text        not null,
    created_at  timestamptz not null
);

create table api_token (
    id           uuid primary key,
    user_id      uuid        not null references app_user (id),
    name         text        not null,
    token_hash   bytea       not null unique,
    created_at   timestamptz not null,
    revoked_at   timestamptz
);
create index api_token_user on api_token (user_id);

-- Sessions. last_seq is the last event sequence number handed out; it is only ever changed by
-- the event log, in the same transaction as the events it numbers, so seq has no gaps.
create table session (
    id               uuid primary key,
    repository       text        not null,
    base_branch      text        not null,
    branch           text        not null unique,
    title            text,
    model            text,
    reasoning_effort text,
    status           text        not null,
    created_by       uuid        not null references app_user (id),
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    last_seq         bigint      not null default 0,
    prompt_count     bigint      not null default 0
);
create index session_created_at on session (created_at desc);
create index session_creator on session (created_by, created_at desc);
create index session_status on session (status, created_at desc);

-- The durable prompt queue: one FIFO per session, ordered by ordinal.
create table prompt (
    id                uuid primary key,
    session_id        uuid        not null references session (id),
    ordinal           bigint      not null,
    author_id         uuid        not null references app_user (id),
    content           text        not null,
    model             text,
    reasoning_effort  text,
    client_request_id text,
    status            text        not null,
    error             text,
    sandbox_id        uuid,
    created_at        timestamptz not null,
    started_at        timestamptz,
    finished_at       timestamptz,
    unique (session_id, ordinal),
    unique (session_id, client_request_id)
);
create index prompt_unfinished on prompt (session_id, ordinal) where status in ('queued', 'running');

-- Sandboxes: at most one live sandbox per session.
create table sandbox (
    id                uuid primary key,
    session_id        uuid        not null references session (id),
    status            text        not null,
    token_hash        bytea       not null unique,
    last_event_id     bigint      not null default 0,
    created_at        timestamptz not null,
    connected_at      timestamptz,
    last_heartbeat_at timestamptz,
    ended_at          timestamptz,
    end_reason        text
);
create unique index sandbox_live on sandbox (session_id) where status in ('requested', 'connected', 'disconnected');
create index sandbox_heartbeat on sandbox (status, last_heartbeat_at);

-- The session timeline. (session_id, seq) is gap-free per session.
create table session_event (
    session_id uuid        not null,
    seq        bigint      not null,
    type       text        not null,
    payload    jsonb       not null,
    created_at timestamptz not null,
    primary key (session_id, seq)
);

-- Short-lived tokens that open one session's WebSocket.
create table ws_token (
    token_hash bytea primary key,
    session_id uuid        not null references session (id),
    user_id    uuid        not null references app_user (id),
    expires_at timestamptz not null
);
create index ws_token_expiry on ws_token (expires_at);

-- Every lifecycle transition of sessions, prompts and sandboxes, with its time.
create table state_transition (
    id         bigserial primary key,
    entity     text        not null,
    entity_id  uuid        not null,
    from_state text,
    to_state   text        not null,
    reason     text,
    at         timestamptz not null
);
create index state_transition_entity on state_transition (entity_id, id);
