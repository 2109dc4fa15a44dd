using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.SeLinux;

/// <summary>
/// The names the installed policy defines (types and aliases, roles, users, classes and their permissions), read from
/// the CIL of the enabled modules in the policy store. audit2allow -p drops an AVC whose context, class or permission
/// the policy does not know (audit2why cannot convert it); this lets Get-SeLinuxDenial do the same.
/// </summary>
public sealed class PolicyIdentifiers
{
    private static readonly Regex Declaration = new(@"^\s*\((type|typealias|role|user|common|classcommon) ([^ ()]+)\s*([^ ()]*)", RegexOptions.CultureInvariant | RegexOptions.Multiline);
    private static readonly Regex ClassDeclaration = new(@"^\s*\((class|common) ([^ ()]+) \(([^)]*)\)", RegexOptions.CultureInvariant | RegexOptions.Multiline);

    private static readonly Regex AliasActual = new(@"^\s*\(typealiasactual ([^ ()]+) ([^ ()]+)\)", RegexOptions.CultureInvariant | RegexOptions.Multiline);

    private readonly HashSet<string> _types = new(StringComparer.Ordinal);

    // Type alias to the type it names (seinfo lists roles' types by their real names only).
    private readonly Dictionary<string, string> _aliasOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _roles = new(StringComparer.Ordinal) { "object_r" };
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _classPerms = new(StringComparer.Ordinal);

    // Which roles a user may take and which types a role may hold, from the compiled policy; null when unknown.
    private Dictionary<string, HashSet<string>>? _userRoles;
    private Dictionary<string, HashSet<string>>? _roleTypes;

    /// <summary>Parses concatenated CIL text.</summary>
    public static PolicyIdentifiers FromCil(string cil)
    {
        ArgumentNullException.ThrowIfNull(cil);
        var p = new PolicyIdentifiers();
        var commons = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var classCommon = new List<(string Class, string Common)>();
        foreach (Match m in ClassDeclaration.Matches(cil))
        {
            var perms = m.Groups[3].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (m.Groups[1].Value == "common")
            {
                commons[m.Groups[2].Value] = perms;
            }
            else
            {
                if (!p._classPerms.TryGetValue(m.Groups[2].Value, out var set))
                {
                    set = new HashSet<string>(StringComparer.Ordinal);
                    p._classPerms[m.Groups[2].Value] = set;
                }

                set.UnionWith(perms);
            }
        }

        foreach (Match m in Declaration.Matches(cil))
        {
            var name = m.Groups[2].Value;
            switch (m.Groups[1].Value)
            {
                case "type" or "typealias":
                    p._types.Add(name);
                    break;
                case "role":
                    p._roles.Add(name);
                    break;
                case "user":
                    p._users.Add(name);
                    break;
                case "classcommon":
                    classCommon.Add((name, m.Groups[3].Value));
                    break;
            }
        }

        foreach (Match m in AliasActual.Matches(cil))
        {
            p._aliasOf[m.Groups[1].Value] = m.Groups[2].Value;
        }

        foreach (var (cls, common) in classCommon)
        {
            if (p._classPerms.TryGetValue(cls, out var set) && commons.TryGetValue(common, out var perms))
            {
                set.UnionWith(perms);
            }
        }

        return p;
    }

    /// <summary>Reads the enabled modules' CIL of the live policy store (bzcat for the compressed ones).</summary>
    public static PolicyIdentifiers FromStore(HostRoot host, INativeRunner runner, string policyName, System.Threading.CancellationToken cancel = default)
    {
        var store = SeLinuxDomains.ModuleStore(policyName);
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        var priorities = new List<(int Priority, string Dir)>();
        foreach (var d in host.ListDirectory(store))
        {
            if (int.TryParse(d.AsSpan(d.LastIndexOf('/') + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                priorities.Add((n, d));
            }
        }

        foreach (var (_, prio) in priorities.OrderBy(x => x.Priority))
        {
            foreach (var module in host.ListDirectory(prio))
            {
                var name = module.Substring(module.LastIndexOf('/') + 1);
                if (host.FileExists(module + "/cil") && !host.FileExists(store + "/disabled/" + name))
                {
                    // A higher priority replaces a lower one.
                    chosen[name] = host.Map(module + "/cil");
                }
            }
        }

        if (chosen.Count == 0)
        {
            throw new GoBaselineException(ErrorIds.SeLinuxPolicyNotFound, FailureKind.NotFound, $"No policy modules in {store} under {host.Root}.", store);
        }

        // bzcat passes uncompressed input through with -f.
        var text = runner.Run(new NativeCommand("bzcat", new[] { "-f" }.Concat(chosen.Values.OrderBy(v => v, StringComparer.Ordinal)), "bzip2"), cancel).StandardOutput;
        var known = FromCil(text);

        // audit2why also refuses a context the policy holds invalid: a user not authorised for the role, a role not
        // authorised for the type. The compiled policy (what audit2allow -p reads) answers that through seinfo.
        var policyDir = "/etc/selinux/" + policyName;
        var version = SeLinuxLabels.InstalledPolicyVersion(host, policyDir);
        if (version is not null && runner.Which("seinfo") is not null)
        {
            var policyFile = host.Map(policyDir + "/policy/policy." + version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var roles = runner.Run(new NativeCommand("seinfo", new[] { "-r", "-x", policyFile }), cancel).StandardOutput;
            var users = runner.Run(new NativeCommand("seinfo", new[] { "-u", "-x", policyFile }), cancel).StandardOutput;
            known.AddAuthorizations(roles, users);
        }

        return known;
    }

    /// <summary>
    /// Takes the role-to-types and user-to-roles authorisations from seinfo -r -x and seinfo -u -x output
    /// ("role R types { a b };", "user U roles { r s } level …;"); contexts outside them are then unknown.
    /// </summary>
    public void AddAuthorizations(string seinfoRoles, string seinfoUsers)
    {
        ArgumentNullException.ThrowIfNull(seinfoRoles);
        ArgumentNullException.ThrowIfNull(seinfoUsers);
        _roleTypes = ParseAuthorizations(seinfoRoles, "role", "types");
        _userRoles = ParseAuthorizations(seinfoUsers, "user", "roles");
    }

    private static Dictionary<string, HashSet<string>> ParseAuthorizations(string text, string keyword, string listKeyword)
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var words = raw.Trim().TrimEnd(';').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 3 || words[0] != keyword || words[2] != listKeyword)
            {
                continue;
            }

            var set = new HashSet<string>(StringComparer.Ordinal);
            if (words.Length > 3 && words[3] == "{")
            {
                for (var i = 4; i < words.Length && words[i] != "}"; i++)
                {
                    set.Add(words[i]);
                }
            }
            else if (words.Length > 3)
            {
                set.Add(words[3]);
            }

            map[words[1]] = set;
        }

        return map;
    }

    /// <summary>True when audit2why could convert the denial: its contexts' users, roles and types, its class and every permission exist.</summary>
    public bool Knows(GoBaseline.SeLinuxDenial denial)
    {
        ArgumentNullException.ThrowIfNull(denial);
        return KnowsContext(denial.SourceContextText) && KnowsContext(denial.TargetContextText) &&
            _classPerms.TryGetValue(denial.Class, out var perms) && denial.Permissions.All(perms.Contains);
    }

    private bool KnowsContext(string context)
    {
        var parts = context.Split(':');
        if (parts.Length < 3 || !_users.Contains(parts[0]) || !_roles.Contains(parts[1]) || !_types.Contains(parts[2]))
        {
            return false;
        }

        // object_r (files) goes with every user and type.
        if (parts[1] == "object_r")
        {
            return true;
        }

        return (_userRoles is null || (_userRoles.TryGetValue(parts[0], out var roles) && roles.Contains(parts[1])))
            && (_roleTypes is null || (_roleTypes.TryGetValue(parts[1], out var types) && types.Contains(_aliasOf.GetValueOrDefault(parts[2], parts[2]))));
    }
}
