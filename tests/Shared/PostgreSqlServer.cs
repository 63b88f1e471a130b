using Npgsql;

namespace LoRaFuota.Testing;

/// <summary>
/// A database of its own on the throwaway PostgreSQL cluster that <c>.ci/postgres start</c> runs (its connection string
/// in <c>LORAFUOTA_POSTGRES</c>), dropped when disposed. Without the variable the test is skipped with the reason on a
/// developer's machine and fails in CI (<c>CI=true</c>).
/// </summary>
internal sealed class PostgreSqlServer : IDisposable
{
    private readonly string _admin;
    private readonly string _database;

    private PostgreSqlServer(string admin, string database, string connectionString)
    {
        _admin = admin;
        _database = database;
        ConnectionString = connectionString;
    }

    /// <summary>Gets the connection string of the new database.</summary>
    public string ConnectionString { get; }

    public static PostgreSqlServer CreateDatabase()
    {
        string? admin = Environment.GetEnvironmentVariable("LORAFUOTA_POSTGRES");
        if (string.IsNullOrEmpty(admin))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("PostgreSQL is required in CI: .ci/run starts a throwaway cluster (.ci/postgres) and sets LORAFUOTA_POSTGRES.");
            }

            Skip.If(true, "LORAFUOTA_POSTGRES is not set: start a throwaway cluster with eval \"$(.ci/postgres start)\"; the PostgreSQL tests are skipped on this machine.");
        }

        string database = "lorafuota_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            create.ExecuteNonQuery();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = database };
        return new PostgreSqlServer(admin!, database, builder.ConnectionString);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(_admin);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
