namespace Ecosystem.Api.EventStore;

/// <summary>
/// The tables with which we extend Marten: consumers' checkpoints (moved with their writes), parked streams,
/// read-model generations, the tamper evidence (hash chain, Merkle tree, signed checkpoints), and webhook subscriptions with their
/// pending deliveries. Marten's own tables (mt_*) are Marten's to migrate.
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
        new(3, "tamper evidence: a per-stream hash chain written by a trigger in the append's transaction, the Merkle tree's leaves, complete subtrees and signed checkpoints", """
            create table ecosystem.event_hashes (
                seq_id    bigint primary key,
                stream_id uuid   not null,
                version   bigint not null,
                prev_hash bytea  not null,
                hash      bytea  not null,
                unique (stream_id, version)
            );

            -- A text field as its UTF-8 bytes after a 4-byte big-endian length; null as length -1.
            create function ecosystem.hash_field(value text) returns bytea language sql immutable as $f$
                select case when value is null then '\xffffffff'::bytea
                            else int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') end
            $f$;

            -- The canonical bytes of a stored event (docs/OPERATIONS.md, "Tamper evidence"); Audit/HashChain.cs computes the same in C#.
            create function ecosystem.event_hash(prev_hash bytea, seq_id bigint, id uuid, stream_id uuid, version bigint, type text,
                                                 at timestamptz, data jsonb, correlation_id text, causation_id text, user_name text, headers jsonb)
                returns bytea language sql immutable as $f$
                select sha256(prev_hash || int8send(seq_id) || uuid_send(id) || uuid_send(stream_id) || int8send(version)
                    || ecosystem.hash_field(type) || int8send((extract(epoch from at) * 1000000)::bigint) || ecosystem.hash_field(data::text)
                    || ecosystem.hash_field(correlation_id) || ecosystem.hash_field(causation_id) || ecosystem.hash_field(user_name)
                    || ecosystem.hash_field(headers::text))
            $f$;

            -- Runs in the append's transaction. Marten's stream lock serialises appends to one stream, so the previous
            -- version's hash is committed (or ours, earlier in this statement) when we read it.
            create function ecosystem.chain_event() returns trigger language plpgsql as $f$
            declare
                previous bytea;
            begin
                if current_setting('ecosystem.hash_chain', true) = 'off' then return null; end if;
                if new.version > 1 then
                    select hash into previous from ecosystem.event_hashes where stream_id = new.stream_id and version = new.version - 1;
                end if;
                previous := coalesce(previous, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
                insert into ecosystem.event_hashes (seq_id, stream_id, version, prev_hash, hash)
                values (new.seq_id, new.stream_id, new.version, previous,
                        ecosystem.event_hash(previous, new.seq_id, new.id, new.stream_id, new.version, new.type, new.timestamp, new.data,
                                             new.correlation_id, new.causation_id, new.user_name, new.headers));
                return null;
            end
            $f$;
            create trigger ecosystem_hash_chain after insert on public.mt_events for each row execute function ecosystem.chain_event();

            -- Leaves of the RFC 6962 tree in log order (only up to the daemon's high-water mark), and its complete subtrees:
            -- node (level, idx) covers leaves [idx * 2^level, (idx + 1) * 2^level).
            create table ecosystem.merkle_leaves (
                idx    bigint primary key,
                seq_id bigint not null unique,
                hash   bytea  not null
            );
            create table ecosystem.merkle_nodes (
                level smallint not null,
                idx   bigint   not null,
                hash  bytea    not null,
                primary key (level, idx)
            );
            create table ecosystem.audit_checkpoints (
                tree_size     bigint      primary key,
                root_hash     bytea       not null,
                at            timestamptz not null,
                last_sequence bigint      not null,
                key_id        text        not null,
                signature     bytea       not null
            );
            """),
        new(4, "webhook subscriptions and their ordered deliveries (outbox rows written with the webhooks consumer's checkpoint)", """
            create table ecosystem.webhooks (
                id            uuid        primary key,
                owner         text        not null,
                url           text        not null,
                secret        text        not null,
                event_types   text[]      not null,
                stream_types  text[]      not null,
                status        text        not null check (status in ('active', 'paused', 'disabled')),
                status_reason text,
                start_after   bigint      not null,
                delivered     bigint      not null default 0,
                last_delivered_at timestamptz,
                created_at    timestamptz not null default now(),
                updated_at    timestamptz not null default now()
            );
            create table ecosystem.webhook_deliveries (
                webhook_id      uuid        not null references ecosystem.webhooks (id) on delete cascade,
                sequence        bigint      not null,
                stream_id       uuid        not null,
                event_id        uuid        not null,
                event_type      text        not null,
                status          text        not null default 'pending' check (status in ('pending', 'dead')),
                attempts        int         not null default 0,
                next_attempt_at timestamptz not null default now(),
                last_status     int,
                last_error      text,
                last_attempt_at timestamptz,
                primary key (webhook_id, sequence)
            );
            -- The head of each stream per subscription: the delivery worker's query.
            create index webhook_deliveries_by_stream on ecosystem.webhook_deliveries (webhook_id, stream_id, sequence);
            """),
    ];
}
