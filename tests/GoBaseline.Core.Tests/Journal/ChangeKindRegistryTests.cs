using System.Linq;
using System.Reflection;
using GoBaseline.Core.Journal;
using Xunit;

namespace GoBaseline.Core.Tests.Journal;

/// <summary>
/// Undo-BaselineChange and crash recovery rebuild changes from the journal in a fresh process, where no domain
/// cmdlet has run: every kind of change the engine can journal must be known from the moment it loads.
/// </summary>
public class ChangeKindRegistryTests
{
    [Fact]
    public void EveryConcreteChangeKindIsRebuildableWithoutAnyDomainCodeHavingRun()
    {
        var kinds = typeof(Change).Assembly.GetTypes()
            .Where(t => typeof(Change).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (Type: t, Kind: t.GetField("KindName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .ToList();
        Assert.True(kinds.Count >= 10, "found only " + kinds.Count + " change types");
        Assert.All(kinds, k => Assert.False(k.Kind is null, k.Type.FullName + " has no public const KindName"));
        var known = Change.KnownKinds;
        Assert.All(kinds, k => Assert.True(known.Contains(k.Kind!), $"{k.Type.FullName} ('{k.Kind}') is not registered with the journal"));
    }
}
