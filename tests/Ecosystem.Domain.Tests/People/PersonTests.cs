using Ecosystem.Domain.People;
using Ecosystem.Domain.Tests.Support;

namespace Ecosystem.Domain.Tests.People;

public sealed class PersonTests() : DeciderSpec<Person, PersonEvent, PersonCommand>(Person.Initial, Person.Evolve, PersonDecider.Decide)
{
    static readonly Guid PersonId = new("0195d000-0000-7000-8000-0000000000aa");
    static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    const string Actor = "dpo@ecosystem.example";

    static PersonCommand Erase(string reason = "GDPR art. 17 request #2026-114") => new PersonCommand.ErasePersonalData(PersonId, reason, Now, Actor);

    [Fact]
    public void Erasing_a_person_records_the_erasure_with_its_reason() =>
        Given().When(Erase()).Then(new PersonEvent.PersonalDataErased(PersonId, "GDPR art. 17 request #2026-114", Now));

    [Fact]
    public void Erasing_an_erased_person_again_records_nothing() =>
        Given(new PersonEvent.PersonalDataErased(PersonId, "first request", Now)).When(Erase("second request")).ThenNothing();

    [Fact]
    public void Erasing_without_a_reason_is_refused() =>
        Given().When(Erase("  ")).ThenRefused("input.required");

    [Fact]
    public void An_erased_person_remembers_when_and_why() =>
        Assert.Equal(new Person.Erased(PersonId, Now, "first request"), StateAfter(new PersonEvent.PersonalDataErased(PersonId, "first request", Now)));
}
