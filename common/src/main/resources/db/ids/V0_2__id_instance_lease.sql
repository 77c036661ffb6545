-- Instance numbers for PlatformIds (switchboard-common): each running replica of a service that mints platform-wide
-- ids leases one of 64 numbers, so two replicas never mint the same id. A lease not renewed for a minute is free again.
CREATE TABLE id_instance_lease (
    instance   smallint    PRIMARY KEY CHECK (instance BETWEEN 0 AND 63),
    holder     uuid,
    renewed_at timestamptz NOT NULL DEFAULT '-infinity'
);
INSERT INTO id_instance_lease (instance) SELECT generate_series(0, 63);
