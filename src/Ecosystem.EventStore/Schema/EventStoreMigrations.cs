namespace Ecosystem.EventStore.Schema;

/// <summary>The event store's own schema, in order. Append new steps; never edit a released one.</summary>
public static class EventStoreMigrations
{
    /// <summary>The component name under which these migrations are recorded.</summary>
    public const string Component = "eventstore";

    /// <summary>All migrations of the event store.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "streams, events, checkpoints, snapshots and the append function", """
            create table es.streams (
                stream_id   uuid        primary key,
                stream_type text        not null,
                version     bigint      not null,
                created_at  timestamptz not null default now(),
                updated_at  timestamptz not null default now(),
                archived    boolean     not null default false
            );

            create table es.events (
                global_position bigint      generated always as identity primary key,
                event_id        uuid        not null unique,
                stream_id       uuid        not null references es.streams (stream_id),
                stream_type     text        not null,
                stream_version  bigint      not null,
                event_type      text        not null,
                data            jsonb       not null,
                metadata        jsonb       not null,
                recorded_at     timestamptz not null default now(),
                transaction_id  xid8        not null default pg_current_xact_id(),
                unique (stream_id, stream_version)
            );
            -- consumers read in commit-safe order: (transaction_id, global_position)
            create index events_transaction_order on es.events (transaction_id, global_position);
            create index events_type on es.events (event_type, global_position);
            create index events_stream_type on es.events (stream_type, global_position);

            create table es.checkpoints (
                name            text        primary key,
                transaction_id  xid8        not null,
                global_position bigint      not null,
                updated_at      timestamptz not null default now()
            );

            create table es.snapshots (
                stream_id      uuid        primary key references es.streams (stream_id),
                stream_type    text        not null,
                version        bigint      not null,
                schema_version int         not null,
                state          jsonb       not null,
                created_at     timestamptz not null default now()
            );

            -- Appends a batch to one stream in one statement. Raises (the message is the datum, since
            -- drivers may redact details)
            --   EV001 wrong expected version (message: the actual version)
            --   EV002 stream exists with another stream type (message: its type)
            --   EV003 some event ids already stored, but not as exactly this append
            -- A full repeat of an earlier append (same event ids, same stream) returns the original result.
            -- expected: -1 any, 0 no stream, n > 0 exactly n.
            create function es.append(
                p_stream_id uuid, p_stream_type text, p_expected bigint,
                p_event_ids uuid[], p_event_types text[], p_data jsonb[], p_metadata jsonb[])
            returns table (stream_version bigint, positions bigint[], transaction_id xid8, duplicate boolean)
            language plpgsql as $fn$
            declare
                v_count     int := cardinality(p_event_ids);
                v_current   bigint;
                v_type      text;
                v_stored    int;
                v_in_stream int;
            begin
                select count(*), count(*) filter (where e.stream_id = p_stream_id),
                       max(e.stream_version), array_agg(e.global_position order by e.stream_version), max(e.transaction_id)
                  into v_stored, v_in_stream, stream_version, positions, transaction_id
                  from es.events e
                 where e.event_id = any (p_event_ids);
                if v_stored > 0 then
                    if v_in_stream = v_count and v_stored = v_count then
                        duplicate := true;
                        return next;
                        return;
                    end if;
                    raise exception using errcode = 'EV003', message = 'event ids already stored by another append';
                end if;

                insert into es.streams as s (stream_id, stream_type, version)
                values (p_stream_id, p_stream_type, 0)
                on conflict (stream_id) do nothing;
                select s.version, s.stream_type into v_current, v_type
                  from es.streams s where s.stream_id = p_stream_id for update;

                if v_type <> p_stream_type then
                    raise exception using errcode = 'EV002', message = v_type;
                end if;
                if p_expected >= 0 and p_expected <> v_current then
                    raise exception using errcode = 'EV001', message = v_current::text;
                end if;

                with inserted as (
                    insert into es.events (event_id, stream_id, stream_type, stream_version, event_type, data, metadata)
                    select p_event_ids[i], p_stream_id, p_stream_type, v_current + i, p_event_types[i], p_data[i], p_metadata[i]
                      from generate_series(1, v_count) as i
                     order by i
                    returning global_position, es.events.stream_version as version)
                select array_agg(inserted.global_position order by inserted.version) into positions from inserted;

                update es.streams s set version = v_current + v_count, updated_at = now() where s.stream_id = p_stream_id;

                stream_version := v_current + v_count;
                transaction_id := pg_current_xact_id();
                duplicate := false;
                perform pg_notify('es_events', '');
                return next;
            end
            $fn$;
            """),
        new(2, "parked streams and consumer errors", """
            -- A stream whose event keeps failing for a consumer is parked for that consumer only;
            -- its later events queue in parked_events so per-stream order survives a replay.
            create table es.parked_streams (
                consumer         text        not null,
                stream_id        uuid        not null,
                event_id         uuid        not null,
                global_position  bigint      not null,
                event_type       text        not null,
                error            text        not null,
                attempts         int         not null,
                parked_at        timestamptz not null default now(),
                replay_requested boolean     not null default false,
                primary key (consumer, stream_id)
            );
            create table es.parked_events (
                consumer        text   not null,
                stream_id       uuid   not null,
                global_position bigint not null,
                primary key (consumer, global_position)
            );
            alter table es.checkpoints add column last_error text, add column last_error_at timestamptz;
            """),
        new(3, "projection generations", """
            create schema if not exists rm;
            -- Readers query views rm.<table>; each points at the active generation's table rm.<table>_g<n>.
            create table es.projections (
                name               text        primary key,
                version            int         not null,
                active_generation  int         not null,
                tables             text[]      not null,
                rebuild_generation int,
                rebuild_version    int,
                rebuild_done       bigint,
                rebuild_total      bigint,
                rebuild_started_at timestamptz,
                rebuild_error      text,
                swapped_at         timestamptz,
                updated_at         timestamptz not null default now()
            );
            """),
        new(4, "append with generic plans; no per-event foreign-key check", """
            -- PL/pgSQL re-plans the batch-size-dependent statements on every call otherwise (custom plans look cheaper).
            alter function es.append(uuid, text, bigint, uuid[], text[], jsonb[], jsonb[]) set plan_cache_mode = force_generic_plan;
            -- es.append creates and locks the stream row before inserting; the key cost one query per event.
            alter table es.events drop constraint events_stream_id_fkey;
            """),
    ];
}
