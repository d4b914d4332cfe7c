using Ecosystem.Domain.People;
using Marten;
using Marten.Services;

namespace Ecosystem.Api.Privacy;

/// <summary>
/// Runs in every Marten session before it commits: makes sure each person whose data is about to be stored has a
/// key (so the serializer finds it cached), and, when the session records an erasure, destroys the person's key in
/// the same transaction and tells every node to forget its cached copy.
/// </summary>
public sealed class PersonalDataListener(PersonKeys keys) : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var events = session.PendingChanges.Streams().SelectMany(s => s.Events).Select(e => e.Data).ToList();
        var people = events.SelectMany(PersonalData.PeopleIn).ToHashSet();
        if (people.Count > 0) await keys.EnsureAsync(people, token);

        foreach (var erased in events.OfType<PersonEvent.PersonalDataErased>())
        {
            session.QueueSqlCommand("""
                insert into ecosystem.person_keys (person_id, key, erased_at) values (?, null, ?)
                on conflict (person_id) do update set key = null, erased_at = excluded.erased_at
                """, erased.PersonId, erased.ErasedAt);
            session.QueueSqlCommand("select pg_notify(?, ?)", PersonKeys.ErasedChannel, erased.PersonId.ToString());
        }
    }

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var erased in commit.GetEvents().Select(e => e.Data).OfType<PersonEvent.PersonalDataErased>()) keys.Evict(erased.PersonId);
        return Task.CompletedTask;
    }
}
