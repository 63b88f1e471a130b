using LoRaFuota.Storage.Sql;

namespace LoRaFuota.Storage.PostgreSql;

/// <summary>
/// The store on PostgreSQL, shared by several service instances: claims skip rows another instance has locked
/// (<c>FOR UPDATE SKIP LOCKED</c>), every write is fenced by the lease token, and migrations wait for each other on an
/// advisory lock.
/// </summary>
public sealed class PostgreSqlFuotaStore : SqlFuotaStore, IAsyncDisposable
{
    private readonly PostgreSqlDialect _dialect;

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlFuotaStore"/> class.</summary>
    /// <param name="connectionString">An Npgsql connection string (the password is never logged by this library).</param>
    /// <param name="time">The clock for timestamps and leases; the system clock when null.</param>
    /// <exception cref="ArgumentException">The connection string is empty or malformed.</exception>
    public PostgreSqlFuotaStore(string connectionString, TimeProvider? time = null)
        : this(new PostgreSqlDialect(connectionString), time)
    {
    }

    private PostgreSqlFuotaStore(PostgreSqlDialect dialect, TimeProvider? time)
        : base(dialect, time)
    {
        _dialect = dialect;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _dialect.DisposeAsync();
}
