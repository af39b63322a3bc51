-- One row per MOVE timeline item; (project_id, user_id, start_ts) is MOVE's own identity of an item,
-- so every write is an upsert on it and replays never add a row.
CREATE TABLE timeline_item (
    project_id      integer          NOT NULL,
    user_id         text             NOT NULL,
    start_ts        timestamptz      NOT NULL,
    end_ts          timestamptz,
    type            text             NOT NULL,
    -- Typed copies of what users filter on; the whole truth stays in item.
    transport_type  text,
    distance_m      double precision,
    start_lat       double precision,
    start_lon       double precision,
    end_lat         double precision,
    end_lon         double precision,
    item            jsonb            NOT NULL,
    fetched_at      timestamptz      NOT NULL,
    PRIMARY KEY (project_id, user_id, start_ts)
);

CREATE INDEX timeline_item_project_type_start ON timeline_item (project_id, type, start_ts);
CREATE INDEX timeline_item_fetched_at ON timeline_item (fetched_at);

-- GPS points of trips, stored only when move.api.store-points is on.
CREATE TABLE timeline_point (
    project_id  integer          NOT NULL,
    user_id     text             NOT NULL,
    start_ts    timestamptz      NOT NULL,
    seq         integer          NOT NULL,
    ts          timestamptz,
    lat         double precision NOT NULL,
    lon         double precision NOT NULL,
    speed       double precision,
    accuracy    double precision,
    PRIMARY KEY (project_id, user_id, start_ts, seq),
    FOREIGN KEY (project_id, user_id, start_ts) REFERENCES timeline_item ON DELETE CASCADE
);
