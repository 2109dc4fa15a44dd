using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace GoBaseline.Infrastructure;

/// <summary>
/// Loads the engine and its third-party dependencies (YamlDotNet) into their own AssemblyLoadContext, so that the
/// module works beside another module that ships a different YamlDotNet (powershell-yaml, platyPS). The public output
/// types (GoBaseline.Model) stay in the default context so type literals and format views see one identity.
/// </summary>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleLoadContext).Assembly.Location) ?? AppContext.BaseDirectory;
    private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "Dependencies");
    private static ModuleLoadContext? s_instance;

    private ModuleLoadContext()
        : base("GoBaseline", isCollectible: false)
    {
    }

    /// <summary>The one engine context of this module.</summary>
    internal static ModuleLoadContext Instance => s_instance ??= new ModuleLoadContext();

    /// <summary>
    /// Runs before any type of this assembly is used: from then on the default context asks us for the engine.
    /// </summary>
#pragma warning disable CA2255 // The module initializer is the documented way to hook resolution before first use.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        AssemblyLoadContext.Default.Resolving += ResolveFromDefault;
    }

    private static Assembly? ResolveFromDefault(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name == "GoBaseline.Model")
        {
            var model = Path.Combine(ModuleDirectory, "GoBaseline.Model.dll");
            return File.Exists(model) ? context.LoadFromAssemblyPath(model) : null;
        }

        // Only the engine is handed out from the isolated context; its own dependencies resolve inside it.
        if (name.Name == "GoBaseline.Core")
        {
            var path = Path.Combine(DependencyDirectory, "GoBaseline.Core.dll");
            return File.Exists(path) ? Instance.LoadFromAssemblyPath(path) : null;
        }

        return null;
    }

    /// <inheritdoc/>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(DependencyDirectory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
