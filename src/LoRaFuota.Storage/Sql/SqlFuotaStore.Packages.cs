using System.Data.Common;
using System.Security.Cryptography;
using LoRaFuota.Campaigns;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Storage.Sql;

/// <content>The package repository.</content>
public abstract partial class SqlFuotaStore
{
    private const string PackageColumns = "id, title, version, type, checksum_algorithm, checksum, sha256, description, size, created_at";

    /// <inheritdoc/>
    public async Task<StoredPackage> AddPackageAsync(NewPackage package, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        StoredPackage stored = Describe(package, Guid.NewGuid(), Now);
        try
        {
            return await WriteAsync(
                async (connection, transaction) =>
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        $"INSERT INTO packages ({PackageColumns}, content) VALUES (@id, @title, @version, @type, @algorithm, @checksum, @sha256, @description, @size, @created, @content)",
                        cancellationToken,
                        ("id", Id(stored.Id)),
                        ("title", stored.Title),
                        ("version", stored.Version),
                        ("type", (int)stored.Type),
                        ("algorithm", stored.ChecksumAlgorithm),
                        ("checksum", stored.Checksum),
                        ("sha256", stored.Sha256),
                        ("description", stored.Description),
                        ("size", stored.Size),
                        ("created", stored.CreatedAt.UtcTicks),
                        ("content", package.Content.ToArray())).ConfigureAwait(false);
                    return stored;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (_dialect.IsUniqueViolation(ex))
        {
            throw new PackageConflictException($"A package titled \"{stored.Title}\" with version \"{stored.Version}\" is already in the repository; give the new one another version.", ex);
        }
    }

    /// <inheritdoc/>
    public Task<StoredPackage?> GetPackageAsync(Guid id, bool withContent = false, CancellationToken cancellationToken = default) =>
        ReadAsync(
            async connection =>
            {
                List<StoredPackage> rows = await QueryAsync(
                    connection,
                    null,
                    $"SELECT {PackageColumns}{(withContent ? ", content" : string.Empty)} FROM packages WHERE id = @id AND deleted_at IS NULL",
                    reader => ReadPackage(reader) with { Content = withContent ? (byte[])reader.GetValue(10) : ReadOnlyMemory<byte>.Empty },
                    cancellationToken,
                    ("id", Id(id))).ConfigureAwait(false);
                return rows.Count == 0 ? null : rows[0];
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<StoredPackage>> ListPackagesAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<StoredPackage>>(
            async connection => await QueryAsync(connection, null, $"SELECT {PackageColumns} FROM packages WHERE deleted_at IS NULL ORDER BY created_at DESC, id", ReadPackage, cancellationToken).ConfigureAwait(false),
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> DeletePackageAsync(Guid id, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                object? running = await ScalarAsync(
                    connection,
                    transaction,
                    "SELECT COUNT(*) FROM campaigns WHERE package_id = @id AND state = @running",
                    cancellationToken,
                    ("id", Id(id)),
                    ("running", (int)CampaignState.Running)).ConfigureAwait(false);
                if (Convert.ToInt64(running, System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    throw new PackageInUseException($"Package {id} is sent by a running campaign; cancel the campaign or wait for it to end before deleting the package.");
                }

                object? assigned = await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM assignments WHERE package_id = @id", cancellationToken, ("id", Id(id))).ConfigureAwait(false);
                if (Convert.ToInt64(assigned, System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    throw new PackageInUseException($"Package {id} is assigned to a device group or a device; remove the assignment before deleting the package.");
                }

                object? used = await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM campaigns WHERE package_id = @id", cancellationToken, ("id", Id(id))).ConfigureAwait(false);
                if (Convert.ToInt64(used, System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    // Ended campaigns keep their record: the package's bytes go, its description stays for their history.
                    return await ExecuteAsync(
                        connection,
                        transaction,
                        "UPDATE packages SET content = @empty, deleted_at = @now WHERE id = @id AND deleted_at IS NULL",
                        cancellationToken,
                        ("id", Id(id)),
                        ("empty", Array.Empty<byte>()),
                        ("now", Now.UtcTicks)).ConfigureAwait(false) > 0;
                }

                return await ExecuteAsync(connection, transaction, "DELETE FROM packages WHERE id = @id AND deleted_at IS NULL", cancellationToken, ("id", Id(id))).ConfigureAwait(false) > 0;
            },
            cancellationToken);

    private static StoredPackage ReadPackage(DbDataReader reader) => new()
    {
        Id = Guid.Parse(reader.GetString(0)),
        Title = reader.GetString(1),
        Version = reader.GetString(2),
        Type = (FirmwareType)reader.GetInt32(3),
        ChecksumAlgorithm = reader.GetString(4),
        Checksum = reader.GetString(5),
        Sha256 = reader.GetString(6),
        Description = NullableText(reader, 7),
        Size = reader.GetInt32(8),
        CreatedAt = Time(reader, 9),
    };

    // Checks what the uploader gave and computes what they did not.
    private static StoredPackage Describe(NewPackage package, Guid id, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(package.Title) || package.Title.Length > 200)
        {
            problems.Add("Title is required (at most 200 characters).");
        }

        if (string.IsNullOrWhiteSpace(package.Version) || package.Version.Length > 100)
        {
            problems.Add("Version is required (at most 100 characters).");
        }

        if (!Enum.IsDefined(package.Type))
        {
            problems.Add("Type must be Firmware or Software.");
        }

        if (package.Content.IsEmpty)
        {
            problems.Add("Content must hold at least one byte.");
        }

        string algorithm = (package.ChecksumAlgorithm ?? string.Empty).ToUpperInvariant();
        byte[]? digest = algorithm switch
        {
            "SHA256" => SHA256.HashData(package.Content.Span),
            "SHA384" => SHA384.HashData(package.Content.Span),
            "SHA512" => SHA512.HashData(package.Content.Span),
            _ => null,
        };
        if (digest is null)
        {
            problems.Add($"ChecksumAlgorithm \"{package.ChecksumAlgorithm}\" is not one of SHA256, SHA384, SHA512.");
        }

        string checksum = digest is null ? string.Empty : Convert.ToHexStringLower(digest);
        if (digest is not null && package.Checksum is not null && !string.Equals(package.Checksum, checksum, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"The {algorithm} checksum given ({package.Checksum}) does not match the content ({checksum}).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid package: " + string.Join(" ", problems), nameof(package));
        }

        return new StoredPackage
        {
            Id = id,
            Title = package.Title.Trim(),
            Version = package.Version.Trim(),
            Type = package.Type,
            ChecksumAlgorithm = algorithm,
            Checksum = checksum,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(package.Content.Span)),
            Description = package.Description,
            Size = package.Content.Length,
            CreatedAt = now,
        };
    }
}
