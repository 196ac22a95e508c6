using Microsoft.Extensions.Time.Testing;

namespace Bot.Runtime.Tests;

/// <summary>The in-memory claims (no Redis): once within the time to live, bounded, released on refusal.</summary>
public class InMemoryClaimsTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(15);

    [Fact]
    public void A_key_is_claimed_once_within_its_ttl_and_again_after()
    {
        var time = new FakeTimeProvider();
        var claims = new InMemoryClaims(time);
        Assert.True(claims.TryClaim("Ev1", Ttl));
        Assert.False(claims.TryClaim("Ev1", Ttl));
        Assert.True(claims.TryClaim("Ev2", Ttl));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(claims.TryClaim("Ev1", Ttl));
        time.Advance(Ttl);
        Assert.True(claims.TryClaim("Ev1", Ttl));
    }

    [Fact]
    public void Each_claim_keeps_its_own_ttl()
    {
        var time = new FakeTimeProvider();
        var claims = new InMemoryClaims(time);
        Assert.True(claims.TryClaim("short", TimeSpan.FromMinutes(1)));
        Assert.True(claims.TryClaim("long", TimeSpan.FromMinutes(30)));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(claims.TryClaim("short", TimeSpan.FromMinutes(1)));
        Assert.False(claims.TryClaim("long", TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Expired_claims_are_pruned()
    {
        var time = new FakeTimeProvider();
        var claims = new InMemoryClaims(time);
        for (var i = 0; i < 300; i++)
        {
            claims.TryClaim("old" + i, Ttl);
        }

        time.Advance(Ttl + TimeSpan.FromSeconds(1));
        for (var i = 0; i < 300; i++)
        {
            claims.TryClaim("new" + i, Ttl);
        }

        Assert.InRange(claims.Count, 300, 520);
    }

    [Fact]
    public void A_flood_is_bounded_and_the_newest_claims_are_kept()
    {
        var time = new FakeTimeProvider();
        var claims = new InMemoryClaims(time, capacity: 100);
        for (var i = 0; i < 1000; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.True(claims.TryClaim("flood" + i, Ttl));
        }

        Assert.InRange(claims.Count, 1, 100);
        Assert.False(claims.TryClaim("flood999", Ttl));
    }

    [Fact]
    public async Task Release_lets_a_redelivery_be_claimed()
    {
        var claims = new InMemoryClaims(new FakeTimeProvider());
        Assert.True(await claims.TryClaimAsync("Ev1", Ttl, CancellationToken.None));
        await claims.ReleaseAsync("Ev1", CancellationToken.None);
        Assert.True(await claims.TryClaimAsync("Ev1", Ttl, CancellationToken.None));
        Assert.False(await claims.TryClaimAsync("Ev1", Ttl, CancellationToken.None));
    }
}
