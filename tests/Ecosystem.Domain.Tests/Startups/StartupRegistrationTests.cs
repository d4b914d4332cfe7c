using System.Reflection;
using Ecosystem.Domain.Startups;

namespace Ecosystem.Domain.Tests.Startups;

public sealed class StartupRegistrationTests : StartupSpec
{
    [Fact]
    public void Registering_a_startup_records_it_with_its_founders() =>
        Given().When(RegisterStartup()).Then(StartupRegistered());

    [Fact]
    public void Registering_a_startup_without_a_name_is_refused() =>
        Given().When(RegisterStartup(name: "")).ThenRefused("input.required");

    [Theory]
    [InlineData("it")]
    [InlineData("Italy")]
    [InlineData("I")]
    [InlineData("")]
    public void Registering_a_startup_with_a_country_that_is_not_an_ISO_code_is_refused(string hqCountry) =>
        Given().When(RegisterStartup(hqCountry: hqCountry)).ThenRefused("startup.hq-country-invalid");

    [Fact]
    public void Registering_a_startup_without_sectors_is_refused() =>
        Given().When(RegisterStartup(sectors: ValueList<string>.Empty)).ThenRefused("input.required");

    [Fact]
    public void Registering_a_founder_without_a_name_is_refused() =>
        Given().When(RegisterStartup(founders: [Giulia with { Name = " " }])).ThenRefused("input.required");

    [Fact]
    public void Registering_a_startup_founded_after_today_is_refused() =>
        Given().When(RegisterStartup(foundedOn: new DateOnly(2022, 4, 16))).ThenRefused("startup.founded-in-future");

    [Fact]
    public void Registering_a_startup_founded_today_is_accepted() =>
        Given()
            .When(RegisterStartup(foundedOn: new DateOnly(2022, 4, 15)))
            .Then(StartupRegistered(foundedOn: new DateOnly(2022, 4, 15)));

    [Fact]
    public void Registering_the_same_startup_again_records_nothing() =>
        Given(StartupRegistered()).When(RegisterStartup()).ThenNothing();

    [Fact]
    public void Registering_a_registered_startup_with_other_details_is_refused() =>
        Given(StartupRegistered()).When(RegisterStartup(kind: StartupKind.Sme)).ThenRefused("startup.already-registered");

    [Fact]
    public void Applying_before_registration_is_refused() =>
        Given().When(Apply()).ThenRefused("startup.not-registered");

    [Fact]
    public void Recording_an_investment_before_registration_is_refused() =>
        Given().When(RecordInvestment()).ThenRefused("startup.not-registered");

    [Fact]
    public void A_founders_name_and_email_are_marked_as_personal_data()
    {
        var marked = typeof(Founder).GetProperties()
            .Where(property => property.GetCustomAttribute<PersonalDataAttribute>() is not null)
            .Select(property => property.Name);

        Assert.Equal(["Name", "Email"], marked);
    }
}
