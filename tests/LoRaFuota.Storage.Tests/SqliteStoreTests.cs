using LoRaFuota.Storage.Sqlite;

namespace LoRaFuota.Storage.Tests;

/// <summary>The store contract on a real SQLite file (WAL).</summary>
public sealed class SqliteStoreTests : StoreContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lorafuota-sqlite-").FullName;

    public override void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    protected override IFuotaStore Open() => new SqliteFuotaStore(Path.Combine(_directory, "lorafuota.db"), Clock);

    private protected override Sql.SqlDialect Dialect { get; } = new ColumnTypes("BLOB", "INTEGER PRIMARY KEY AUTOINCREMENT");

    protected override async Task ExecuteAsync(params string[] statements)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory, "lorafuota.db")}");
        await connection.OpenAsync();
        foreach (string statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task The_file_is_in_wal_mode()
    {
        await Open().MigrateAsync();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory, "lorafuota.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", command.ExecuteScalar());
    }
}
