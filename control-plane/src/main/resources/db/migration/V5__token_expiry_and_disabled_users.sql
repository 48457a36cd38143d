-- API tokens may expire; a null expires_at never does.
alter table api_token add column expires_at timestamptz;

-- A disabled user's tokens stop working and they cannot sign in; null means enabled.
alter table app_user add column disabled_at timestamptz;

-- Which API token minted each ws-token, so revoking it also ends the sockets it opened. ws-tokens
-- live for minutes, so the ones minted before this column existed are simply dropped.
delete from ws_token;
alter table ws_token add column api_token_id uuid not null references api_token (id);
