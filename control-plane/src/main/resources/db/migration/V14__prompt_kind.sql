-- What a prompt may do to the repository: work (commit and push) or review (read only).
alter table prompt add column kind text not null default 'work';
