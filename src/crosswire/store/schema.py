"""The database schema as numbered migrations; each applied one is recorded in the database."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial tables",
        """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    url VARCHAR,
    outlet VARCHAR,
    original_outlet VARCHAR,
    reprint_of VARCHAR,
    source_key VARCHAR NOT NULL,
    title VARCHAR,
    published DATE,
    language VARCHAR,
    source VARCHAR,
    text VARCHAR NOT NULL,
    n_mentions INTEGER NOT NULL DEFAULT 0,
    ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS article_bands (
    band VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    signature VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS article_bands_band ON article_bands (band);
CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    block VARCHAR NOT NULL,
    event VARCHAR NOT NULL,
    date DATE,
    data VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_block ON mentions (block);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR NOT NULL,
    block VARCHAR NOT NULL,
    date DATE,
    date_precision VARCHAR,
    enddate DATE,
    event VARCHAR NOT NULL,
    cameo VARCHAR,
    quad_code INTEGER,
    event_scale DOUBLE,
    mode VARCHAR,
    context VARCHAR,
    actors VARCHAR NOT NULL,
    recipients VARCHAR NOT NULL,
    event_loc VARCHAR,
    negated BOOLEAN NOT NULL,
    modality VARCHAR NOT NULL,
    confidence DOUBLE,
    n_mentions INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    n_sources INTEGER NOT NULL,
    first_reported DATE,
    discrepancies VARCHAR NOT NULL,
    search VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS events_id ON events (id);
CREATE INDEX IF NOT EXISTS events_block ON events (block);
CREATE TABLE IF NOT EXISTS event_mentions (
    event_id VARCHAR NOT NULL,
    mention_id VARCHAR NOT NULL,
    block VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions (event_id);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id VARCHAR NOT NULL,
    block VARCHAR NOT NULL,
    side VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    name VARCHAR,
    kind VARCHAR,
    country VARCHAR,
    sector VARCHAR
);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (event_id);
CREATE TABLE IF NOT EXISTS actors (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    country VARCHAR,
    sector VARCHAR,
    role VARCHAR,
    first_seen DATE,
    last_seen DATE,
    n_mentions INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS rejects (
    id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    stage VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    detail VARCHAR,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
""",
    ),
    (
        2,
        "actor mentions: every time an actor is named, with its text, role and date",
        """
CREATE TABLE IF NOT EXISTS actor_mentions (
    actor_id VARCHAR NOT NULL,
    mention_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    text VARCHAR,
    role VARCHAR,
    sector VARCHAR,
    country VARCHAR,
    date DATE,
    PRIMARY KEY (actor_id, mention_id)
);
CREATE INDEX IF NOT EXISTS actor_mentions_actor ON actor_mentions (actor_id);
""",
    ),
    (
        3,
        "stories: each article's story terms and the story it belongs to",
        """
CREATE TABLE IF NOT EXISTS article_terms (
    article_id VARCHAR NOT NULL,
    term VARCHAR NOT NULL,
    weight DOUBLE NOT NULL
);
CREATE INDEX IF NOT EXISTS article_terms_term ON article_terms (term);
CREATE INDEX IF NOT EXISTS article_terms_article ON article_terms (article_id);
CREATE TABLE IF NOT EXISTS stories (
    article_id VARCHAR PRIMARY KEY,
    story_id VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_story ON stories (story_id);
""",
    ),
    (
        4,
        "rejects name the article a stage failed on and the error code",
        """
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS article_id VARCHAR;
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS code VARCHAR;
""",
    ),
]
