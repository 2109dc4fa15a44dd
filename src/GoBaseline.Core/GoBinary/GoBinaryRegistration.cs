using System.Runtime.CompilerServices;
using GoBaseline.Core.GoEnv;

namespace GoBaseline.Core.GoBinary;

/// <summary>Hooks the build info reader into the toolchain locator, when the engine assembly loads.</summary>
internal static class GoBinaryRegistration
{
#pragma warning disable CA2255 // A module initializer is the one point that runs before any engine type is used.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        GoToolchainLocator.BinaryVersionReader ??= static (host, path) => GoBuildInfoReader.ReadVersion(host, path);
    }
}
