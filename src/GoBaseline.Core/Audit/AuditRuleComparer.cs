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
    /// <summary>Compares. <paramref name="desired"/> null means "no desired set": persistent is compared with live.</summary>
    public static IReadOnlyList<AuditRuleDifference> Compare(IReadOnlyList<AuditRule>? desired, IReadOnlyList<AuditRule> persistent, IReadOnlyList<AuditRule> live)
    {
        static List<AuditRule> Rules(IEnumerable<AuditRule> rules) =>
            rules.Where(r => r.Kind == AuditRuleKind.Rule && r.Operation != AuditRuleOperation.Delete).ToList();

        var d = desired is null ? null : Rules(desired);
        var p = Rules(persistent);
        var l = Rules(live);
        var order = new List<string>();
        var first = new Dictionary<string, AuditRule>(StringComparer.Ordinal);
        foreach (var r in (d ?? new List<AuditRule>()).Concat(p).Concat(l))
        {
            if (first.TryAdd(r.CanonicalText, r))
            {
                order.Add(r.CanonicalText);
            }
        }

        var inD = d?.GroupBy(r => r.CanonicalText).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var inP = p.GroupBy(r => r.CanonicalText).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var inL = l.GroupBy(r => r.CanonicalText).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var reordered = OrderChanges(p, l);
        var result = new List<AuditRuleDifference>();
        foreach (var key in order)
        {
            var hasD = inD is null || inD.ContainsKey(key);
            var hasP = inP.ContainsKey(key);
            var hasL = inL.ContainsKey(key);
            string status;
            if (inD is not null && !inD.ContainsKey(key))
            {
                status = "NotDesired";
            }
            else if (hasP && hasL)
            {
                status = reordered.Contains(key) ? "OrderDiffers" : "InSync";
            }
            else if (hasP)
            {
                status = "NotLoaded";
            }
            else if (hasL)
            {
                status = "NotPersisted";
            }
            else
            {
                status = "Missing";
            }

            var rule = first[key];
            result.Add(new AuditRuleDifference(key, rule.Text, rule.Key, inD is not null && inD.ContainsKey(key), hasP, hasL, status,
                inD is not null && inD.TryGetValue(key, out var dr) ? AuditRuleSources.Where(dr) : null,
                inP.TryGetValue(key, out var pr) ? AuditRuleSources.Where(pr) : null));
            _ = hasD;
        }

        return result;
    }

    /// <summary>Rules present in both lists whose place relative to a rule of the other action (in the same list) differs.</summary>
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
