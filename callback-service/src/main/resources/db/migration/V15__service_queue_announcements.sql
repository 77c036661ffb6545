-- Service queues are owned here and announced on switchboard.service-queue-events. announced_at is the updated_at last
-- announced: a queue written without the admin API (the demo seed, an operator's SQL, a queue that existed before
-- the announcements) differs and is announced by ServiceQueueAnnouncer, so campaign-service's read model gets every
-- queue there is.
ALTER TABLE service_queue ADD COLUMN announced_at timestamptz;
