using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.SeLinux;

/// <summary>What to generate for a Go service.</summary>
public sealed class PolicyModuleRequest
{
    /// <summary>The module name and type prefix (gosvc → gosvc_t, gosvc_exec_t).</summary>
    public required string Name { get; init; }

    /// <summary>The service binary (labelled with the exec type by the .fc file); null in the container case.</summary>
    public string? ExecutablePath { get; init; }

    /// <summary>TCP/UDP sockets for the domain.</summary>
    public bool Network { get; init; }

    /// <summary>Port types the domain may bind (name_bind), e.g. http_port_t.</summary>
    public IReadOnlyList<string> BindPortTypes { get; init; } = Array.Empty<string>();

    /// <summary>Port types the domain may connect to (name_connect), e.g. http_port_t for a module proxy.</summary>
    public IReadOnlyList<string> ConnectPortTypes { get; init; } = Array.Empty<string>();

    /// <summary>GOCACHE directories, labelled &lt;name&gt;_cache_t (read-write).</summary>
    public IReadOnlyList<string> GoCachePaths { get; init; } = Array.Empty<string>();

    /// <summary>GOPATH directories, labelled &lt;name&gt;_gopath_t (read-write: module downloads).</summary>
    public IReadOnlyList<string> GoPathPaths { get; init; } = Array.Empty<string>();

    /// <summary>The container case: no own domain; grant network (and cache access) to this container domain instead.</summary>
    public string? ContainerType { get; init; }

    /// <summary>Make the new domain permissive (sepolicy generate's default, for the debugging flow).</summary>
    public bool Permissive { get; init; }

    /// <summary>Append this MLS/MCS range to file contexts (e.g. "s0"); null for a policy without MLS.</summary>
    public string? Range { get; init; } = "s0";

    /// <summary>The module version.</summary>
    public string Version { get; init; } = "1.0";
}

/// <summary>The generated sources.</summary>
/// <param name="Te">The type enforcement source (checkmodule input, no m4 needed).</param>
/// <param name="Fc">The file contexts (semodule_package -f input).</param>
/// <param name="If">The interface file for other modules (refpolicy m4 form).</param>
/// <param name="Domain">The service domain (or the container type).</param>
/// <param name="ExecType">The entrypoint type, null in the container case.</param>
public sealed record PolicyModuleSources(string Te, string Fc, string If, string Domain, string? ExecType);

/// <summary>
/// Writes a type-enforcement module for a Go service in plain policy language, so checkmodule compiles it without the
/// refpolicy m4 headers: its own domain and exec type, the systemd transition (init_t executes the exec type, which is
/// the domain's entrypoint, and type_transition puts the process in the domain), optional network, GOCACHE/GOPATH
/// types, or the container case (container_t with network, as libvirt's svirt_lxc_net_t had). The require block is
/// computed from the rules, so it always lists exactly the types, attributes, classes and permissions used.
/// </summary>
public static class PolicyModuleGenerator
{
    private static readonly Regex Identifier = new("^[a-z][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant);

    private static readonly string[] SocketPerms = { "create", "bind", "listen", "accept", "connect", "getattr", "setattr", "getopt", "setopt", "read", "write", "shutdown", "ioctl", "lock", "append" };
    private static readonly string[] ManageDirPerms = { "getattr", "search", "open", "read", "write", "add_name", "remove_name", "create", "rmdir", "setattr", "ioctl", "lock", "rename", "reparent" };
    private static readonly string[] ManageFilePerms = { "getattr", "open", "read", "write", "append", "create", "unlink", "rename", "setattr", "ioctl", "lock", "link", "map" };

    /// <summary>Checks an SELinux identifier (module, type) given by a user.</summary>
    public static void ValidateName(string name, string what)
    {
        if (!Identifier.IsMatch(name))
        {
            throw new GoBaselineException(ErrorIds.SeLinuxNameInvalid, FailureKind.InvalidArgument, $"'{name}' is not a valid {what}: lower-case letters, digits and '_', starting with a letter.", name);
        }
    }

    /// <summary>Generates the .te, .fc and .if texts.</summary>
    public static PolicyModuleSources Generate(PolicyModuleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateName(request.Name, "module name");
        foreach (var t in request.BindPortTypes.Concat(request.ConnectPortTypes).Concat(request.ContainerType is null ? Array.Empty<string>() : new[] { request.ContainerType }))
        {
            ValidateName(t, "type");
        }

        var b = new TeBuilder();
        var n = request.Name;
        var container = request.ContainerType is not null;
        var domain = container ? request.ContainerType! : n + "_t";
        string? exec = container ? null : n + "_exec_t";
        var cache = request.GoCachePaths.Count > 0 ? n + "_cache_t" : null;
        var gopath = request.GoPathPaths.Count > 0 ? n + "_gopath_t" : null;
        var body = new StringBuilder();

        if (!container)
        {
            b.Declare(domain);
            b.Declare(exec!);
            body.AppendLine("# The service domain and its entrypoint type.");
            body.AppendLine($"type {domain};");
            body.AppendLine($"type {exec};");
            body.AppendLine($"typeattribute {domain} domain, daemon;");
            body.AppendLine($"typeattribute {exec} exec_type, entry_type, file_type, non_security_file_type, non_auth_file_type;");
            b.Attribute("domain", "daemon", "exec_type", "entry_type", "file_type", "non_security_file_type", "non_auth_file_type");
            b.Role("system_r");
            body.AppendLine($"role system_r types {domain};");
            body.AppendLine();
            body.AppendLine("# systemd (init_t) starts the binary: it may execute the exec type, which is the domain's entrypoint,");
            body.AppendLine("# and the process moves into the domain instead of unconfined_service_t.");
            body.Append(b.Allow("init_t", exec!, "file", "getattr", "open", "read", "execute", "map"));
            body.Append(b.Allow("init_t", domain, "process", "transition", "signal", "sigkill", "signull", "getattr", "rlimitinh", "siginh", "noatsecure"));
            body.Append(b.Allow(domain, exec!, "file", "entrypoint", "getattr", "open", "read", "execute", "map"));
            b.Require("init_t");
            b.Class("process", "transition");
            body.AppendLine($"type_transition init_t {exec}:process {domain};");
            body.Append(b.Allow(domain, "init_t", "fd", "use"));
            body.Append(b.Allow(domain, "init_t", "process", "sigchld"));
            body.Append(b.Allow(domain, "init_t", "unix_stream_socket", "getattr", "read", "write", "ioctl"));
            body.Append(b.Allow(domain, domain, "process", "fork", "signal", "sigchld", "signull", "getsched", "setsched", "setrlimit", "getattr"));
            body.Append(b.Allow(domain, domain, "fifo_file", "getattr", "open", "read", "write", "ioctl", "lock"));
            body.Append(b.Allow(domain, domain, "unix_stream_socket", "create", "connect", "getattr", "read", "write", "shutdown"));
            body.AppendLine();
            body.AppendLine("# The Go runtime reads its own binary, /proc/self and the system's shared files.");
            body.Append(b.Allow(domain, domain, "dir", "getattr", "search", "open", "read"));
            body.Append(b.Allow(domain, domain, "file", "getattr", "open", "read"));
            body.Append(b.Allow(domain, domain, "lnk_file", "getattr", "read"));
            body.Append(b.Allow(domain, "etc_t", "dir", "getattr", "search", "open", "read"));
            body.Append(b.Allow(domain, "etc_t", "file", "getattr", "open", "read", "map"));
            body.Append(b.Allow(domain, "etc_t", "lnk_file", "getattr", "read"));
            body.Append(b.Allow(domain, "bin_t", "dir", "getattr", "search"));
            body.Append(b.Allow(domain, "usr_t", "dir", "getattr", "search"));
            body.Append(b.Allow(domain, "usr_t", "file", "getattr", "open", "read", "map"));
            body.Append(b.Allow(domain, "lib_t", "dir", "getattr", "search"));
            body.Append(b.Allow(domain, "lib_t", "file", "getattr", "open", "read", "map", "execute"));
            body.Append(b.Allow(domain, "ld_so_t", "file", "getattr", "open", "read", "map", "execute"));
            body.Append(b.Allow(domain, "null_device_t", "chr_file", "getattr", "open", "read", "write", "ioctl"));
            body.Append(b.Allow(domain, "urandom_device_t", "chr_file", "getattr", "open", "read"));
            body.Append(b.Allow(domain, "proc_t", "file", "getattr", "open", "read"));
            body.Append(b.Allow(domain, "sysfs_t", "file", "getattr", "open", "read"));
            body.Append(b.Allow(domain, "sysfs_t", "dir", "getattr", "search", "open", "read"));
            body.Append(b.Allow(domain, "cert_t", "dir", "getattr", "search", "open", "read"));
            body.Append(b.Allow(domain, "cert_t", "file", "getattr", "open", "read"));
            body.Append(b.Allow(domain, "cert_t", "lnk_file", "getattr", "read"));
            body.AppendLine();
        }

        if (cache is not null || gopath is not null)
        {
            body.AppendLine("# GOCACHE and GOPATH: the build and module caches, read-write.");
            foreach (var t in new[] { cache, gopath }.Where(t => t is not null))
            {
                b.Declare(t!);
                body.AppendLine($"type {t};");
                body.AppendLine($"typeattribute {t} file_type, non_security_file_type, non_auth_file_type;");
                b.Attribute("file_type", "non_security_file_type", "non_auth_file_type");
                body.Append(b.Allow(domain, t!, "dir", ManageDirPerms));
                body.Append(b.Allow(domain, t!, "file", ManageFilePerms));
                body.Append(b.Allow(domain, t!, "lnk_file", "getattr", "read", "create", "unlink", "rename"));
            }

            body.AppendLine();
        }

        if (request.Network || container)
        {
            body.AppendLine(container
                ? $"# The container case: {domain} gets the network access libvirt's svirt_lxc_net_t had."
                : "# Network: TCP and UDP sockets of its own, bind and connect as listed.");
            body.Append(b.Allow(domain, domain, "tcp_socket", SocketPerms));
            body.Append(b.Allow(domain, domain, "udp_socket", SocketPerms));
            body.Append(b.Allow(domain, "node_t", "tcp_socket", "node_bind"));
            body.Append(b.Allow(domain, "node_t", "udp_socket", "node_bind"));
            var bind = request.BindPortTypes.Count > 0 ? request.BindPortTypes : (container ? new[] { "unreserved_port_t" } : Array.Empty<string>());
            var connect = request.ConnectPortTypes.Count > 0 ? request.ConnectPortTypes : (container ? new[] { "http_port_t", "unreserved_port_t" } : Array.Empty<string>());
            foreach (var p in bind)
            {
                body.Append(b.Allow(domain, p, "tcp_socket", "name_bind"));
                body.Append(b.Allow(domain, p, "udp_socket", "name_bind"));
            }

            foreach (var p in connect)
            {
                body.Append(b.Allow(domain, p, "tcp_socket", "name_connect"));
            }

            body.Append(b.Allow(domain, "net_conf_t", "file", "getattr", "open", "read"));
            body.AppendLine();
        }

        if (request.Permissive && !container)
        {
            body.AppendLine("# Debugging: denials are logged, not enforced. Remove before production.");
            body.AppendLine($"permissive {domain};");
        }

        var te = new StringBuilder();
        te.AppendLine($"module {n} {request.Version};");
        te.AppendLine();
        te.Append(b.RenderRequire());
        te.AppendLine();
        te.Append(body);

        var range = request.Range is null ? string.Empty : ":" + request.Range;
        var fc = new StringBuilder();
        if (exec is not null && request.ExecutablePath is not null)
        {
            fc.AppendLine($"{EscapePath(request.ExecutablePath)}\t--\tsystem_u:object_r:{exec}{range}");
        }

        foreach (var p in request.GoCachePaths)
        {
            fc.AppendLine($"{EscapePath(p.TrimEnd('/'))}(/.*)?\tsystem_u:object_r:{cache}{range}");
        }

        foreach (var p in request.GoPathPaths)
        {
            fc.AppendLine($"{EscapePath(p.TrimEnd('/'))}(/.*)?\tsystem_u:object_r:{gopath}{range}");
        }

        var iface = new StringBuilder();
        iface.AppendLine($"## <summary>Policy for the Go service {n}.</summary>");
        iface.AppendLine();
        if (exec is not null)
        {
            iface.AppendLine("########################################");
            iface.AppendLine("## <summary>");
            iface.AppendLine($"##\tExecute {n} in the {domain} domain.");
            iface.AppendLine("## </summary>");
            iface.AppendLine("## <param name=\"domain\">");
            iface.AppendLine("##\t<summary>Domain allowed to transition.</summary>");
            iface.AppendLine("## </param>");
            iface.AppendLine($"interface(`{n}_domtrans',`");
            iface.AppendLine("\tgen_require(`");
            iface.AppendLine($"\t\ttype {domain}, {exec};");
            iface.AppendLine("\t')");
            iface.AppendLine();
            iface.AppendLine("\tcorecmd_search_bin($1)");
            iface.AppendLine($"\tdomtrans_pattern($1, {exec}, {domain})");
            iface.AppendLine("')");
            iface.AppendLine();
        }

        if (cache is not null)
        {
            iface.AppendLine("########################################");
            iface.AppendLine("## <summary>");
            iface.AppendLine($"##\tRead the {n} Go build cache.");
            iface.AppendLine("## </summary>");
            iface.AppendLine($"interface(`{n}_read_cache',`");
            iface.AppendLine("\tgen_require(`");
            iface.AppendLine($"\t\ttype {cache};");
            iface.AppendLine("\t')");
            iface.AppendLine();
            iface.AppendLine($"\tread_files_pattern($1, {cache}, {cache})");
            iface.AppendLine("')");
        }

        return new PolicyModuleSources(te.ToString(), fc.ToString(), iface.ToString(), domain, exec);
    }

    /// <summary>The checkmodule and semodule_package calls that turn the sources into a .pp.</summary>
    public static IReadOnlyList<NativeCommand> CompileCommands(string directory, string name, bool withFc, bool mls)
    {
        var te = Path.Combine(directory, name + ".te");
        var mod = Path.Combine(directory, name + ".mod");
        var pp = Path.Combine(directory, name + ".pp");
        var check = new List<string>();
        if (mls)
        {
            check.Add("-M");
        }

        check.AddRange(new[] { "-m", "-o", mod, te });
        var package = new List<string> { "-o", pp, "-m", mod };
        if (withFc)
        {
            package.AddRange(new[] { "-f", Path.Combine(directory, name + ".fc") });
        }

        return new[] { new NativeCommand("checkmodule", check), new NativeCommand("semodule_package", package) };
    }

    /// <summary>Escapes the regex meta characters of a literal path for a file_contexts spec.</summary>
    public static string EscapePath(string path)
    {
        var sb = new StringBuilder(path.Length + 8);
        foreach (var c in path)
        {
            if (".^$?*+|[](){}\\".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private sealed class TeBuilder
    {
        private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _types = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _attributes = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _roles = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, SortedSet<string>> _classes = new(StringComparer.Ordinal);

        public void Declare(string type) => _declared.Add(type);

        public void Require(string type)
        {
            if (!_declared.Contains(type))
            {
                _types.Add(type);
            }
        }

        public void Attribute(params string[] names)
        {
            foreach (var a in names)
            {
                _attributes.Add(a);
            }
        }

        public void Role(string role) => _roles.Add(role);

        public void Class(string cls, params string[] perms)
        {
            if (!_classes.TryGetValue(cls, out var set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                _classes[cls] = set;
            }

            foreach (var p in perms)
            {
                set.Add(p);
            }
        }

        public string Allow(string source, string target, string cls, params string[] perms)
        {
            Require(source);
            Require(target);
            Class(cls, perms);
            var list = perms.Length == 1 ? perms[0] : "{ " + string.Join(' ', perms) + " }";
            return $"allow {source} {target}:{cls} {list};\n";
        }

        public string RenderRequire()
        {
            var sb = new StringBuilder();
            sb.AppendLine("require {");
            foreach (var t in _types)
            {
                sb.AppendLine($"\ttype {t};");
            }

            foreach (var a in _attributes)
            {
                sb.AppendLine($"\tattribute {a};");
            }

            foreach (var r in _roles)
            {
                sb.AppendLine($"\trole {r};");
            }

            foreach (var (cls, perms) in _classes)
            {
                sb.AppendLine($"\tclass {cls} {(perms.Count == 1 ? perms.Min : "{ " + string.Join(' ', perms) + " }")};");
            }

            sb.AppendLine("}");
            return sb.ToString();
        }
    }
}
