// Behaves as `pwsh` for the test scripts: PowerShell's real console host, started with pwsh's command line.
//
// A host built from the SDK package does not know where its built-in modules (Microsoft.PowerShell.Utility,
// .Management, ...) were laid out, nor where Pester is, so both folders go first on the module path.
using System;
using System.IO;
using Microsoft.PowerShell;

string here = AppContext.BaseDirectory;
string[] ours =
{
    Path.Combine(here, "Modules"),
    Path.Combine(here, "runtimes", "unix", "lib", "net10.0", "Modules"),
};
string? inherited = Environment.GetEnvironmentVariable("PSModulePath");
string modulePath = string.Join(Path.PathSeparator, ours);
if (!string.IsNullOrEmpty(inherited))
{
    modulePath += Path.PathSeparator + inherited;
}
Environment.SetEnvironmentVariable("PSModulePath", modulePath);

return ConsoleShell.Start(string.Empty, string.Empty, args);
