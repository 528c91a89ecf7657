-- Run once by the postgres image on an empty data volume: one database per service (§2: each
-- service owns its schema). Services not written yet get theirs ahead of time; it costs nothing.
CREATE DATABASE noncoop_referrals;
CREATE DATABASE noncoop_good_offices;
CREATE DATABASE noncoop_bureau;
CREATE DATABASE noncoop_reporting;
-- The keyring every service shares (ADR 0011, ADR 0020): one, so that an erasure reaches all.
CREATE DATABASE noncoop_keyring;
