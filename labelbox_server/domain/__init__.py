"""Domain logic: plain functions on a SQLAlchemy `Session` and the calling user (`Caller`).

One module per job; nothing here knows about GraphQL or HTTP, and names are Python names
(inputs arrive snake_case, dicts returned for GraphQL objects are keyed snake_case). From
the bottom up (`make layers` checks it):

* `clock`, `ids`, `context` (the `Caller`);
* `store`: every lookup and SELECT scoped to the caller's organization, column writes;
  `filters` and `pagination` (`where`, `orderBy`, `skip`, `first`, derived from the models);
* `tasks`: background work (start, complete, read; handlers registered with `@handles`);
* entities (`users`, `projects`, `datasets`, ...) and the data-row stack: `media`,
  `global_keys`, `metadata_*`, `data_row_input`, `data_row_writes`, `data_rows`, ...;
* features on top: `imports`, `exports`, `global_key_tasks`, `row_metadata`, ...
"""
