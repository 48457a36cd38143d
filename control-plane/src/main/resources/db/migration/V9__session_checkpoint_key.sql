-- The key a session's sandboxes sign their checkpoints with (HMAC-SHA256), so that a checkpoint
-- pushed by anyone else — another session's agent sharing the repository — is never restored.
-- Made when a session's first sandbox is requested; handed only to its supervisors.
alter table session add column checkpoint_key bytea;
