using LoRaFuota.Simulation;

namespace LoRaFuota.Cli;

/// <summary>File access with one-line errors.</summary>
internal static class CliFiles
{
    public static byte[] ReadAll(FileInfo file)
    {
        try
        {
            return File.ReadAllBytes(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read {file.Name}: {ex.Message}");
        }
    }

    public static string[] ReadLines(FileInfo file)
    {
        try
        {
            return File.ReadAllLines(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read {file.Name}: {ex.Message}");
        }
    }

    public static IReadOnlyList<FleetDevice> ReadFleet(FileInfo file)
    {
        try
        {
            return FleetFile.Parse(File.ReadAllText(file.FullName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read {file.Name}: {ex.Message}");
        }
        catch (FormatException ex)
        {
            throw new CliUsageException($"{file.Name}: {ex.Message}");
        }
    }
}
