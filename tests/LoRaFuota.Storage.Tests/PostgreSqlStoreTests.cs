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
