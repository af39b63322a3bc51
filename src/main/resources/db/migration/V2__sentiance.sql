-- Sentiance transports (docs/DESIGN.md, "Second source: Sentiance"). (app_id, user_id, event_id) is Sentiance's
-- identity of a transport; Sentiance refines start, end and mode later, so a later fetch replaces the row.
CREATE TABLE sentiance_transport (
    app_id                 text             NOT NULL,
    user_id                text             NOT NULL,
    event_id               text             NOT NULL,
    start_ts               timestamptz      NOT NULL,
    end_ts                 timestamptz,
    mode                   text,
    distance_m             double precision,
    start_lat              double precision,
    start_lon              double precision,
    end_lat                double precision,
    end_lon                double precision,
    analysis_type          text,
    -- Car driving-behaviour scores, 0-1 as Sentiance gives them; its -1 ("not enough data") is stored as NULL.
    score_overall          double precision,
    score_smooth           double precision,
    score_legal            double precision,
    score_anticipative     double precision,
    score_focus            double precision,
    score_mounted          double precision,
    score_hard_accel       double precision,
    score_hard_brake       double precision,
    score_hard_events      double precision,
    score_hard_turn        double precision,
    score_legal_v2         double precision,
    score_smooth_v2        double precision,
    score_anticipative_v2  double precision,
    -- The whole truth: the Firehose message and the API's answers, as received.
    message                jsonb            NOT NULL,
    event                  jsonb,
    behavior_scores        jsonb,
    -- When the request that got these answers was sent: the newest answer wins.
    fetched_at             timestamptz      NOT NULL,
    PRIMARY KEY (app_id, user_id, event_id)
);

CREATE INDEX sentiance_transport_app_start ON sentiance_transport (app_id, start_ts);
CREATE INDEX sentiance_transport_fetched_at ON sentiance_transport (fetched_at);

-- Trajectory waypoints, stored only when sentiance.api.store-points is on; replaced with their transport.
CREATE TABLE sentiance_transport_point (
    app_id       text             NOT NULL,
    user_id      text             NOT NULL,
    event_id     text             NOT NULL,
    seq          integer          NOT NULL,
    ts           timestamptz,
    lat          double precision NOT NULL,
    lon          double precision NOT NULL,
    speed        double precision,
    speed_limit  double precision,
    road_type    text,
    distance_m   double precision,
    PRIMARY KEY (app_id, user_id, event_id, seq),
    FOREIGN KEY (app_id, user_id, event_id) REFERENCES sentiance_transport ON DELETE CASCADE
);

-- The other Firehose message types (stationary, location, moment, event_prediction, and any new one), kept raw.
-- digest is the SHA-256 of the message's bytes, so a redelivered message never adds a row.
CREATE TABLE sentiance_message (
    app_id        text        NOT NULL,
    user_id       text        NOT NULL,
    digest        text        NOT NULL,
    message_type  text        NOT NULL,
    message_ts    timestamptz,
    message       jsonb       NOT NULL,
    received_at   timestamptz NOT NULL,
    PRIMARY KEY (app_id, user_id, digest)
);

CREATE INDEX sentiance_message_app_type ON sentiance_message (app_id, message_type, received_at);

-- One view of trips, whichever SDK recorded them. Non-trips (MOVE's IDLE and UNKNOWN items, Sentiance's
-- stationaries, which are never in sentiance_transport) are left out; scores stay in each source's table and form.
CREATE VIEW mobility_trip AS
SELECT 'move'::text                     AS source,
       i.project_id::text               AS tenant,
       i.user_id,
       to_char(i.start_ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS trip_key,
       i.start_ts,
       i.end_ts,
       CASE upper(coalesce(i.transport_type, i.type))
           WHEN 'CAR' THEN 'car'
           WHEN 'DRIVING' THEN 'car'
           WHEN 'BUS' THEN 'bus'
           WHEN 'TRAIN' THEN 'train'
           WHEN 'TRAM' THEN 'tram'
           WHEN 'METRO' THEN 'metro'
           WHEN 'CYCLING' THEN 'bicycle'
           WHEN 'BICYCLE' THEN 'bicycle'
           WHEN 'MOTORCYCLE' THEN 'motorcycle'
           WHEN 'WALKING' THEN 'walking'
           ELSE 'other'
       END                              AS mode,
       coalesce(i.transport_type, i.type) AS source_mode,
       i.distance_m,
       i.start_lat,
       i.start_lon,
       i.end_lat,
       i.end_lon
FROM timeline_item i
WHERE i.type NOT IN ('IDLE', 'UNKNOWN')
UNION ALL
SELECT 'sentiance'::text                AS source,
       t.app_id                         AS tenant,
       t.user_id,
       t.event_id                       AS trip_key,
       t.start_ts,
       t.end_ts,
       CASE lower(t.mode)
           WHEN 'car' THEN 'car'
           WHEN 'bus' THEN 'bus'
           WHEN 'train' THEN 'train'
           WHEN 'tram' THEN 'tram'
           WHEN 'subway' THEN 'metro'
           WHEN 'metro' THEN 'metro'
           WHEN 'biking' THEN 'bicycle'
           WHEN 'bicycle' THEN 'bicycle'
           WHEN 'motorcycle' THEN 'motorcycle'
           WHEN 'walking' THEN 'walking'
           WHEN 'running' THEN 'walking'
           ELSE 'other'
       END                              AS mode,
       t.mode                           AS source_mode,
       t.distance_m,
       t.start_lat,
       t.start_lon,
       t.end_lat,
       t.end_lon
FROM sentiance_transport t
WHERE coalesce(lower(t.mode), '') <> 'idle';
