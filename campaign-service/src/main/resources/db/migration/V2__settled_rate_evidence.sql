-- The rate estimates keep their evidence twice: the existing columns are the recent memory, these the settled one
-- (see RateHistory). A queue that already has recent evidence starts its settled memory from it.
ALTER TABLE queue_state
    ADD COLUMN settled_busy_agent_seconds     double precision NOT NULL DEFAULT 0,
    ADD COLUMN settled_completions            double precision NOT NULL DEFAULT 0,
    ADD COLUMN settled_waiting_caller_seconds double precision NOT NULL DEFAULT 0,
    ADD COLUMN settled_abandonments           double precision NOT NULL DEFAULT 0;

UPDATE queue_state
   SET settled_busy_agent_seconds = busy_agent_seconds,
       settled_completions = completions,
       settled_waiting_caller_seconds = waiting_caller_seconds,
       settled_abandonments = abandonments;
