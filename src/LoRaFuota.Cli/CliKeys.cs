using System.Security.Cryptography;

namespace LoRaFuota.Cli;

/// <summary>ECDSA P-256 keys in PEM files, with one-line errors.</summary>
internal static class CliKeys
{
    /// <summary>Reads a public key (or the public half of a private key) as SubjectPublicKeyInfo DER.</summary>
    public static byte[] ReadPublicKey(FileInfo file)
    {
        using ECDsa key = Read(file, "--public-key");
        return key.ExportSubjectPublicKeyInfo();
    }

    /// <summary>Reads a key pair or a public key from PEM; the caller disposes it.</summary>
    public static ECDsa Read(FileInfo file, string option)
    {
        string pem = Text(file);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new CliUsageException($"{option} {file.Name}: not an ECDSA key in PEM ({ex.Message.Split('\n')[0].Trim()}).");
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new CliUsageException($"{option} {file.Name}: packages are signed with ECDSA P-256; this key has {key.KeySize} bits.");
        }

        return key;
    }

    /// <summary>Whether the key holds its private half.</summary>
    public static bool HasPrivateKey(ECDsa key)
    {
        try
        {
            return key.ExportParameters(includePrivateParameters: true).D is not null;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string Text(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read {file.Name}: {ex.Message}");
        }
    }
}
