namespace LoRaFuota.Testing;

/// <summary>A directory of a test's own (SQLite files, keys, fleets), removed with the pooled SQLite connections that hold its files.</summary>
internal sealed class TempDirectory(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a file still held (a killed process's): the temp directory is cleaned by the OS
        }
    }
}
