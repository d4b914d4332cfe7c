namespace Ecosystem.Api.EventStore;

/// <summary>
/// The tables with which we extend Marten: consumers' checkpoints (moved with their writes), parked streams, and
/// read-model generations. Marten's own tables (mt_*) are Marten's to migrate.
/// </summary>
public static class EcosystemMigrations
{
    public const string Component = "ecosystem";

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "consumers, parking and read-model generations on Marten's log; v1's hand-built store retired", """
            drop schema if exists es cascade;
            drop schema if exists rm cascade;
            create schema rm;
            create table ecosystem.checkpoints (
                name          text        primary key,
                position      bigint      not null default 0,
                updated_at    timestamptz not null default now(),
                last_error    text,
                last_error_at timestamptz
            );
            create table ecosystem.parked_streams (
                consumer   text        not null,
                stream_id  uuid        not null,
                event_id   uuid        not null,
                position   bigint      not null,
                event_type text        not null,
                error      text        not null,
                attempts   int         not null,
                parked_at  timestamptz not null default now(),
                primary key (consumer, stream_id)
            );
            create table ecosystem.parked_events (
                consumer  text   not null,
                stream_id uuid   not null,
                position  bigint not null,
                primary key (consumer, position)
            );
            create table ecosystem.projections (
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
        new(2, "a key per person for crypto-shredding, and the read models' way to forget an erased person", """
            create table ecosystem.person_keys (
                person_id  uuid        primary key,
                key        bytea,
                created_at timestamptz not null default now(),
                erased_at  timestamptz,
                check ((key is null) = (erased_at is not null))
            );
            -- Every object in a document whose "personId" is the person gets the named fields replaced by "[erased]".
            create function ecosystem.erase_person(doc jsonb, person text, fields text[]) returns jsonb
            language plpgsql immutable as $$
            begin
                return case jsonb_typeof(doc)
                    when 'object' then (
                        select coalesce(jsonb_object_agg(key, case
                            when doc ->> 'personId' = person and key = any(fields) and jsonb_typeof(value) = 'string' then to_jsonb('[erased]'::text)
                            else ecosystem.erase_person(value, person, fields) end), '{}'::jsonb)
                        from jsonb_each(doc))
                    when 'array' then (
                        select coalesce(jsonb_agg(ecosystem.erase_person(value, person, fields) order by n), '[]'::jsonb)
                        from jsonb_array_elements(doc) with ordinality as e(value, n))
                    else doc end;
            end $$;
            """),
    ];
}
