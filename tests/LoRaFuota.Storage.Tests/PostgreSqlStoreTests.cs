using LoRaFuota.Storage.PostgreSql;
using LoRaFuota.Testing;

namespace LoRaFuota.Storage.Tests;

/// <summary>The store contract on a real PostgreSQL (the throwaway cluster of <c>.ci/postgres</c>), a database per test.</summary>
public sealed class PostgreSqlStoreTests : StoreContract
{
    private readonly Lazy<PostgreSqlServer> _database = new(PostgreSqlServer.CreateDatabase);
    private readonly List<PostgreSqlFuotaStore> _stores = [];

    public override void Dispose()
    {
        foreach (PostgreSqlFuotaStore store in _stores)
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        if (_database.IsValueCreated)
        {
            _database.Value.Dispose();
        }
    }

    private protected override Sql.SqlDialect Dialect { get; } = new ColumnTypes("BYTEA", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");

    protected override async Task ExecuteAsync(params string[] statements)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database.Value.ConnectionString);
        await connection.OpenAsync();
        foreach (string statement in statements)
        {
            await using var command = new Npgsql.NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    protected override IFuotaStore Open()
    {
        var store = new PostgreSqlFuotaStore(_database.Value.ConnectionString, Clock);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }
}
