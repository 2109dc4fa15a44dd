using System;
using System.Collections.Generic;
using System.Linq;
using GoBaseline;

namespace GoBaseline.Core.Audit;

/// <summary>
/// Three-way comparison of desired, persistent and live rules by meaning (<see cref="AuditRule.CanonicalText"/>):
/// field order, -k versus -F key= and syscall order do not matter; the order of never and always rules in one list
/// does (first match wins), so a changed relative order of such rules is reported.
/// </summary>
public static class AuditRuleComparer
{
    /// <summary>The status of a persistent rule when the kernel was not read (under -Root): nothing is known about it being loaded.</summary>
    public const string LiveNotChecked = "LiveNotChecked";

    /// <summary>
    /// Compares. <paramref name="desired"/> null means "no desired set": persistent is compared with live.
    /// <paramref name="live"/> null means the kernel was not read (not the live host): no rule is called loaded or
    /// not loaded, a persistent rule is <see cref="LiveNotChecked"/>.
    /// Statuses with a desired set: InSync (desired, persistent and loaded), MissingLive (desired and persistent, not
    /// loaded), MissingPersistent (desired and loaded, not in the persistent rules), Missing (desired, in neither),
    /// NotDesired; without one: InSync, NotLoaded (persistent only), NotPersisted (loaded only). OrderDiffers
    /// replaces InSync/LiveNotChecked when a never and an always rule of one list are in a different order in two
    /// of the sets (desired, persistent, live): the first matching rule decides, so the swap changes what is recorded.
    /// </summary>
    public static IReadOnlyList<AuditRuleDifference> Compare(IReadOnlyList<AuditRule>? desired, IReadOnlyList<AuditRule> persistent, IReadOnlyList<AuditRule>? live)
    {
        static List<AuditRule> Rules(IEnumerable<AuditRule> rules) =>
            rules.Where(r => r.Kind == AuditRuleKind.Rule && r.Operation != AuditRuleOperation.Delete).ToList();

        var d = desired is null ? null : Rules(desired);
        var p = Rules(persistent);
        var l = live is null ? null : Rules(live);
        var order = new List<string>();
        var first = new Dictionary<string, AuditRule>(StringComparer.Ordinal);
        foreach (var r in (d ?? new List<AuditRule>()).Concat(p).Concat(l ?? new List<AuditRule>()))
        {
            if (first.TryAdd(r.CanonicalText, r))
            {
                order.Add(r.CanonicalText);
            }
        }

        var inD = d?.GroupBy(r => r.CanonicalText).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var inP = p.GroupBy(r => r.CanonicalText).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var inL = (l ?? new List<AuditRule>()).GroupBy(r => r.CanonicalText).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var reordered = new HashSet<string>(StringComparer.Ordinal);
        var sets = new[] { d, p, l }.Where(x => x is not null).Select(x => x!).ToList();
        for (var i = 0; i < sets.Count; i++)
        {
            for (var j = i + 1; j < sets.Count; j++)
            {
                reordered.UnionWith(OrderChanges(sets[i], sets[j]));
            }
        }

        var result = new List<AuditRuleDifference>();
        foreach (var key in order)
        {
            var hasP = inP.ContainsKey(key);
            var hasL = inL.ContainsKey(key);
            string status;
            if (inD is not null && !inD.ContainsKey(key))
            {
                status = "NotDesired";
            }
            else if (l is null)
            {
                status = hasP ? LiveNotChecked : "Missing";
            }
            else if (hasP && hasL)
            {
                status = "InSync";
            }
            else if (hasP)
            {
                status = inD is null ? "NotLoaded" : "MissingLive";
            }
            else if (hasL)
            {
                status = inD is null ? "NotPersisted" : "MissingPersistent";
            }
            else
            {
                status = "Missing";
            }

            if (reordered.Contains(key) && status is "InSync" or LiveNotChecked)
            {
                status = "OrderDiffers";
            }

            var rule = first[key];
            result.Add(new AuditRuleDifference(key, rule.Text, rule.Key, inD is not null && inD.ContainsKey(key), hasP, hasL, status,
                inD is not null && inD.TryGetValue(key, out var dr) ? AuditRuleSources.Where(dr) : null,
                inP.TryGetValue(key, out var pr) ? AuditRuleSources.Where(pr) : null));
        }

        return result;
    }

    /// <summary>Rules present in both sets whose place relative to a rule of the other action (in the same list) differs.</summary>
    private static HashSet<string> OrderChanges(List<AuditRule> persistent, List<AuditRule> live)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in persistent.Select(r => r.List).Distinct())
        {
            var common = new HashSet<string>(persistent.Where(r => r.List == list).Select(r => r.CanonicalText), StringComparer.Ordinal);
            common.IntersectWith(live.Where(r => r.List == list).Select(r => r.CanonicalText));
            var a = persistent.Where(r => r.List == list && common.Contains(r.CanonicalText)).GroupBy(r => r.CanonicalText).Select(g => g.First()).ToList();
            var b = live.Where(r => r.List == list && common.Contains(r.CanonicalText)).GroupBy(r => r.CanonicalText).Select(g => g.First()).ToList();
            var posB = b.Select((r, i) => (r.CanonicalText, i)).ToDictionary(x => x.CanonicalText, x => x.i, StringComparer.Ordinal);
            for (var i = 0; i < a.Count; i++)
            {
                for (var j = i + 1; j < a.Count; j++)
                {
                    // Only a never/always pair changes meaning when swapped.
                    if (a[i].Action != a[j].Action && posB[a[i].CanonicalText] > posB[a[j].CanonicalText])
                    {
                        changed.Add(a[i].CanonicalText);
                        changed.Add(a[j].CanonicalText);
                    }
                }
            }
        }

        return changed;
    }
}
