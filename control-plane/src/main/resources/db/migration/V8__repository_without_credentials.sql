-- A session's repository may no longer carry a password or token (docs/api.md#repository). Remove
-- any stored before that rule, so they stop being returned by the API, logged, handed to sandboxes
-- and written into pod annotations: http(s), git and file URLs lose their user part, ssh URLs keep
-- the user name and lose the password. Such sessions then clone without those credentials.
update session
set repository = regexp_replace(repository, '^(https?|git|file)://[^/@]*@', '\1://')
where repository ~ '^(https?|git|file)://[^/@]*@';

update session
set repository = regexp_replace(repository, '^ssh://([^/@:]*):[^/@]*@', 'ssh://\1@')
where repository ~ '^ssh://[^/@:]*:[^/@]*@';

update session
set repository = regexp_replace(repository, '^([A-Za-z0-9._-]+):[^/@]*@', '\1@')
where repository ~ '^[A-Za-z0-9._-]+:[^/@]*@';
