// An append is one statement, so one round trip and an implicit transaction, like a plain
// autocommit INSERT: the version check, the events and the idempotency key commit together or not at
// all. No separate SELECT of the stream's version: a stale expected version finds no event at that
// version and inserts nothing (which also refuses an expected version past the end, so a stream never
// has gaps), and a concurrent writer at the same version hits unique(stream_id, stream_version).
// The statement has four shapes, each prepared once per connection: a single event (the common case)
// goes as scalars, which is cheaper to send and to parse than four one-element arrays, and without an
// idempotency key there is no second data-modifying CTE to plan and run.
// The version appended after must also have been written by an older transaction than the append's:
// always true for an append that is its own statement (its xid is taken after every commit it sees),
// but an append through a caller's transaction that took its xid earlier would otherwise sort before
// its predecessor in the log's (transaction id, position) order, and readers would see v2 before v1.
const AT_EXPECTED_VERSION = `($2::int = 0 OR EXISTS (SELECT FROM events WHERE stream_id = $1 AND stream_version = $2::int AND transaction_id < pg_current_xact_id()))`;

const INSERT_ONE = `
  INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata)
  SELECT $1, $2::int + 1, $3::uuid, $4::text, $5::jsonb, $6::jsonb
  WHERE ${AT_EXPECTED_VERSION}`;

const INSERT_MANY = `
  INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata)
  SELECT $1, $2::int + e.ord::int, e.id, e.type, e.payload, e.metadata
  FROM unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS e(id, type, payload, metadata, ord)
  WHERE ${AT_EXPECTED_VERSION}`;

const withIdempotencyKey = (insert: string): string => `
  WITH appended AS (${insert}
    RETURNING stream_version
  ), remembered AS (
    INSERT INTO idempotency_keys (key, stream_id, result)
    SELECT $7, $1, jsonb_build_object('nextExpectedVersion', max(stream_version), 'appended', count(*))
    FROM appended HAVING count(*) > 0
  )
  SELECT count(*)::int AS appended FROM appended`;

export const APPEND_STATEMENTS = {
  one: { name: 'event-store-append-one', text: INSERT_ONE },
  many: { name: 'event-store-append-many', text: INSERT_MANY },
  oneWithKey: { name: 'event-store-append-one-keyed', text: withIdempotencyKey(INSERT_ONE) },
  manyWithKey: { name: 'event-store-append-many-keyed', text: withIdempotencyKey(INSERT_MANY) },
} as const;

// A group of appends (see GroupCommit and appendGroup): one row per event, each with its stream's
// expected version and its place in its append; the streams are distinct. Unlike a lone append, a
// stale expected version must not reach the unique constraint, which would fail the whole group: an
// append goes in only if its stream ends exactly at its expected version. The stream's last version
// is a LATERAL max(), which is always one backward probe of the (stream_id, stream_version) index:
// written as EXISTS/NOT EXISTS, the planner turns the checks into hash joins over a seq scan of the
// whole table while it is small, and a prepared statement can keep that plan as the table grows.
// The group travels as one JSON document whose payloads and metadata are spliced in as the JSON text
// they already are: cheaper to build and to parse than seven array parameters, whose every element
// node-postgres escapes in JavaScript. Answers one row per event that went in.
const groupInsert = (returning: string): string => `
    INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata)
    SELECT e.stream_id, e.expected + e.ord, e.id, e.type, e.payload, e.metadata
    FROM jsonb_to_recordset($1::jsonb) AS e(stream_id text, expected int, ord int, id uuid, type text, payload jsonb, metadata jsonb)
    CROSS JOIN LATERAL (SELECT max(v.stream_version) AS version FROM events v WHERE v.stream_id = e.stream_id) AS last
    WHERE coalesce(last.version, 0) = e.expected
    RETURNING ${returning}`;

export const APPEND_GROUP_STATEMENTS = {
  plain: { name: 'event-store-append-group', text: groupInsert('stream_id') },
  withKeys: {
    name: 'event-store-append-group-keyed',
    text: `
  WITH appended AS (${groupInsert('stream_id, stream_version')}
  ), remembered AS (
    INSERT INTO idempotency_keys (key, stream_id, result)
    SELECT k.key, a.stream_id, jsonb_build_object('nextExpectedVersion', max(a.stream_version), 'appended', count(*))
    FROM appended a JOIN jsonb_to_recordset($2::jsonb) AS k(stream_id text, key text) ON k.stream_id = a.stream_id
    GROUP BY k.key, a.stream_id
  )
  SELECT stream_id FROM appended`,
  },
} as const;

/** An append with its events encoded, ready for a statement. */
export interface EncodedAppend {
  streamId: string;
  expectedVersion: number;
  /** `metadata`: the event's envelope as JSON. */
  events: { eventId: string; eventType: string; payload: string; metadata: string }[];
  eventCount: number;
  idempotencyKey?: string;
}
