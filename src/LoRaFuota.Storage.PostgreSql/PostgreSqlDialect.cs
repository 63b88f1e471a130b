using System.Data.Common;
using LoRaFuota.Storage.Sql;
using Npgsql;

namespace LoRaFuota.Storage.PostgreSql;

/// <summary>PostgreSQL's side of the shared statements.</summary>
internal sealed class PostgreSqlDialect : SqlDialect, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;

    public PostgreSqlDialect(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _source = NpgsqlDataSource.Create(connectionString);
    }

    public override string BlobType => "BYTEA";

    public override string SerialKey => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public override string ClaimSql =>
        """
        UPDATE campaigns SET lease_owner = @owner, lease_token = @token, lease_expires_at = @expires
        WHERE id = (SELECT id FROM campaigns WHERE state = @running AND (lease_expires_at IS NULL OR lease_expires_at <= @now)
                    ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id
        """;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    private protected override async Task LockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
