using DialogPlanner.Web;

namespace DialogPlanner.Tests.Shared;

public sealed class EmailAddressTests
{
    [Fact]
    public void AnAddress_KeepsHowItWasTyped_AndIsComparedWithoutCase()
    {
        Assert.True(EmailAddress.TryParse("  Anna.Svensson@Ljungby.SE ", out var typed));
        Assert.True(EmailAddress.TryParse("anna.svensson@ljungby.se", out var lower));

        Assert.Equal(("Anna.Svensson@Ljungby.SE", "anna.svensson@ljungby.se"), (typed.Address, typed.Normalized));
        Assert.Equal(lower, typed);
        Assert.Equal(lower.GetHashCode(), typed.GetHashCode());
        Assert.Single(new HashSet<EmailAddress> { typed, lower });
        Assert.Equal("Anna.Svensson@Ljungby.SE", typed.ToString());
        Assert.True(EmailAddress.Same("ÅSA@Example.org", " åsa@example.org"));
        Assert.False(EmailAddress.Same("asa@example.org", null));
    }

    [Theory]
    [InlineData("anna@ljungby.se")]
    [InlineData("per.lund+kallelse@example.org")]
    [InlineData("åsa@exempel.se")]
    public void TryParse_AcceptsAnAddress(string text) => Assert.True(EmailAddress.IsValid(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-address")]
    [InlineData("x@y")]
    [InlineData("anna@localhost")]
    [InlineData("@ljungby.se")]
    [InlineData("anna@.se")]
    [InlineData("anna@ljungby.")]
    [InlineData("maria(at)example")]
    [InlineData("Anna <anna@ljungby.se>")]
    [InlineData("anna@ljungby.se, per@ljungby.se")]
    [InlineData("anna@@ljungby.se")]
    public void TryParse_RefusesWhatIsNotOneBareAddress(string? text) => Assert.False(EmailAddress.IsValid(text));

    [Fact]
    public void TryParse_RefusesAnAddressLongerThanSmtpCarries()
    {
        var domain = "@example.org";
        Assert.True(EmailAddress.IsValid(new string('a', EmailAddress.MaxLength - domain.Length) + domain));
        Assert.False(EmailAddress.IsValid(new string('a', EmailAddress.MaxLength - domain.Length + 1) + domain));
    }
}
