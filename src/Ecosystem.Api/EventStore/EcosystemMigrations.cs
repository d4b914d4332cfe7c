namespace Ecosystem.Api.EventStore;

/// <summary>
/// The tables with which we extend Marten: consumers' checkpoints (moved with their writes), parked streams,
/// read-model generations, and webhook subscriptions with their pending deliveries. Marten's own tables (mt_*) are Marten's to migrate.
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
        new(2, "webhook subscriptions and their ordered deliveries (outbox rows written with the webhooks consumer's checkpoint)", """
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
