-- A user's GitHub identity from "Sign in with GitHub", and their OAuth tokens, encrypted (AES-256-GCM).
create table github_identity (
    user_id        uuid primary key references app_user (id),
    github_id      bigint      not null unique,
    login          text        not null,
    verified_email text,
    avatar_url     text,
    token          bytea,
    refresh_token  bytea,
    updated_at     timestamptz not null
);
