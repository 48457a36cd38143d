-- Sessions may work on an existing branch (a pull request's head), so a branch is unique within
-- its repository, not across all of them.
alter table session drop constraint session_branch_key;
alter table session add constraint session_repository_branch_key unique (repository, branch);
