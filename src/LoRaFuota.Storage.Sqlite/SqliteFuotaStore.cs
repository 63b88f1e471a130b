using LoRaFuota.Storage.Sql;

namespace LoRaFuota.Storage.Sqlite;

/// <summary>
/// The store in one SQLite file: WAL journal, foreign keys on, and every write in a <c>BEGIN IMMEDIATE</c> transaction,
/// which serialises claimers and fenced writers (SQLite has one writer at a time). For one service instance; several
/// processes on one file work but wait for each other.
/// </summary>
public sealed class SqliteFuotaStore : SqlFuotaStore
{
    /// <summary>Initializes a new instance of the <see cref="SqliteFuotaStore"/> class.</summary>
    /// <param name="path">The database file; created when missing.</param>
    /// <param name="time">The clock for timestamps and leases; the system clock when null.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public SqliteFuotaStore(string path, TimeProvider? time = null)
        : base(new SqliteDialect(path), time)
    {
    }
}
