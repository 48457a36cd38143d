-- Notifications bots subscribe to (docs/bots.md, "Notifications"): a service account's callback
-- URLs, and the outbox of durable deliveries written in the transaction of the change they report.

create table notification_subscription (
    id                 uuid primary key,
    service_account_id uuid        not null references service_account (id),
    url                text        not null,
    kinds              text[]      not null,
    -- the signing secret (whsec_…); kept as it is, since signing needs it, like any webhook sender
    secret             text        not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    unique (service_account_id, url)
);

create table notification_outbox (
    -- the delivery id subscribers deduplicate by: the same on every retry
    id              uuid primary key,
    -- the order deliveries of one (subscription, session) are sent in
    seq             bigserial   not null unique,
    subscription_id uuid        not null references notification_subscription (id) on delete cascade,
    session_id      uuid        not null,
    prompt_id       uuid,
    kind            text        not null,
    occurred_at     timestamptz not null,
    -- what the change itself knew (a pull request's state), merged into the body
    facts           jsonb,
    -- the body, built at the first attempt and sent unchanged on every retry
    payload         text,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    delivered_at    timestamptz,
    dropped_at      timestamptz
);
create index notification_outbox_pending on notification_outbox (next_attempt_at)
    where delivered_at is null and dropped_at is null;
create index notification_outbox_order on notification_outbox (subscription_id, session_id, seq)
    where delivered_at is null and dropped_at is null;
