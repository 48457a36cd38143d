-- The pull request of a session (one per session branch), kept current by webhooks.
create table pull_request (
    session_id  uuid primary key references session (id),
    repository  text        not null,
    number      integer     not null,
    url         text        not null,
    state       text        not null,
    opened_by   text        not null,
    updated_at  timestamptz not null,
    unique (repository, number)
);

-- GitHub webhook deliveries already handled (X-GitHub-Delivery), so a redelivery changes nothing.
create table webhook_delivery (
    delivery_id text primary key,
    received_at timestamptz not null
);
