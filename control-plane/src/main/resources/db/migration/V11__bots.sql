-- Bots (docs/bots.md): service accounts that act for people, the people's platform identities,
-- where prompts came from, sessions' external keys and bot data, user preferences, and the
-- notifications bots subscribe to.

-- One service account per bot (slack, github, linear). Its token (hashed) acts only for people
-- whose identity lies in its namespace, never as the account itself.
create table service_account (
    id          uuid primary key,
    name        text        not null unique,
    namespace   text        not null unique,
    token_hash  bytea       not null unique,
    created_at  timestamptz not null,
    rotated_at  timestamptz,
    disabled_at timestamptz
);

-- A person's identity on a platform, e.g. (slack, T0123/U0456) -> a CodInspect user.
create table user_identity (
    namespace    text        not null,
    external_id  text        not null,
    user_id      uuid        not null references app_user (id),
    display_name text,
    email        text,
    avatar_url   text,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    primary key (namespace, external_id)
);
create index user_identity_user on user_identity (user_id);

-- Sessions a bot created carry its account, a unique external key (a Slack thread, a PR) and what
-- the bot must remember (JSON, at most 4 KiB, only ever shown to that account). A session may wait
-- for its repository, holding its first prompt.
alter table session alter column repository drop not null;
alter table session add column service_account_id uuid references service_account (id);
alter table session add column created_via text;
alter table session add column external_key text unique;
alter table session add column bot_data jsonb;

-- Where a prompt came from, with a link back; context blocks next to the person's words; bot data.
alter table prompt add column source text not null default 'api';
alter table prompt add column source_url text;
alter table prompt add column context jsonb;
alter table prompt add column bot_data jsonb;
alter table prompt add column created_via text;

-- Each person's defaults: model, reasoning effort, base branch per repository.
create table user_preferences (
    user_id          uuid primary key references app_user (id),
    model            text,
    reasoning_effort text,
    base_branches    jsonb       not null default '{}',
    updated_at       timestamptz not null
);
