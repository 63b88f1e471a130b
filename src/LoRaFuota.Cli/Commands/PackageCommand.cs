using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Signing;

namespace LoRaFuota.Cli.Commands;

/// <summary><c>lorafuota package</c>: signing keys, signed packages and their verification (docs/packages.md).</summary>
internal static class PackageCommand
{
    /// <summary>The exit code of a package that is damaged or does not verify.</summary>
    public const int NotVerified = 1;

    public static Command Create(CliContext context) =>
        new("package", "Signing keys, signed packages and their verification (ECDSA P-256); upload and list packages on a service.")
        {
            Keygen(context),
            Sign(context),
            Verify(context),
            Upload(context),
            List(context),
            Assign(context),
            Unassign(context),
        };

    private static Command Assign(CliContext context)
    {
        (Option<string> server, Option<string> apiKey) = Client.ServiceClient.Options();
        var package = new Option<string>("--package") { Description = "The package id (from package upload).", Required = true };
        (Option<string?> group, Option<string?> device) = Target();
        var parameters = new Client.CampaignParameterOptions();
        var command = new Command("assign", "Assign a package to a device group or one device (ThingsBoard's rules); starts the campaigns it calls for and prints them with the devices left alone (JSON).")
        {
            server, apiKey, package, group, device,
        };
        parameters.AddTo(command);
        command.SetAction(result =>
        {
            string path = TargetPath(result, group, device);
            if (!Guid.TryParse(result.GetValue(package), out _))
            {
                throw new CliUsageException($"--package '{result.GetValue(package)}' is not a package id (a GUID, as package upload prints).");
            }

            string body = CliJson.Object(w =>
            {
                w.WriteString("package_id", result.GetValue(package));
                parameters.Write(result, w);
            });
            using var client = new Client.ServiceClient(result.GetValue(server), result.GetValue(apiKey));
            using StringContent content = Client.ServiceClient.Json(body);
            context.Output.WriteLine(client.Send(HttpMethod.Put, path, content).GetRawText());
            return 0;
        });
        return command;
    }

    private static Command Unassign(CliContext context)
    {
        (Option<string> server, Option<string> apiKey) = Client.ServiceClient.Options();
        (Option<string?> group, Option<string?> device) = Target();
        var command = new Command("unassign", "Remove a group's or a device's assignment (a device then falls back to its group's); prints the campaigns started (JSON).") { server, apiKey, group, device };
        command.SetAction(result =>
        {
            string path = TargetPath(result, group, device);
            using var client = new Client.ServiceClient(result.GetValue(server), result.GetValue(apiKey));
            context.Output.WriteLine(client.Send(HttpMethod.Delete, path, null).GetRawText());
            return 0;
        });
        return command;
    }

    private static (Option<string?> Group, Option<string?> Device) Target() =>
        (new Option<string?>("--group") { Description = "A device group (profile): every device of it without an assignment of its own." },
         new Option<string?>("--device") { Description = "One device's DevEUI: overrides its group's assignment." });

    private static string TargetPath(System.CommandLine.ParseResult result, Option<string?> group, Option<string?> device)
    {
        string? name = result.GetValue(group);
        string? eui = result.GetValue(device);
        if ((name is null) == (eui is null))
        {
            throw new CliUsageException("Give exactly one of --group or --device.");
        }

        if (eui is not null)
        {
            return DevEui.TryParse(eui, out DevEui parsed) ? $"/api/devices/{parsed}/assignment" : throw new CliUsageException($"--device '{eui}' is not a DevEUI (16 hex digits).");
        }

        return $"/api/groups/{Uri.EscapeDataString(name!)}/assignment";
    }

    private static Command Upload(CliContext context)
    {
        (Option<string> server, Option<string> apiKey) = Client.ServiceClient.Options();
        var input = new Option<FileInfo>("--input") { Description = "The image or signed package to upload.", Required = true };
        var title = new Option<string>("--title") { Description = "The package title.", Required = true };
        var version = new Option<string>("--version") { Description = "The version devices report once they run it.", Required = true };
        Option<string> type = CliOptions.Choice<string>("--type", "firmware or software.", "firmware", "software");
        type.Required = false;
        type.DefaultValueFactory = _ => "firmware";
        var description = new Option<string?>("--description") { Description = "A description." };
        var command = new Command("upload", "Upload a package to the service's repository; prints its JSON (with id).") { server, apiKey, input, title, version, type, description };
        command.SetAction(result =>
        {
            byte[] bytes = CliFiles.ReadAll(result.GetValue(input)!);
            using var client = new Client.ServiceClient(result.GetValue(server), result.GetValue(apiKey));
            string query = $"/api/packages?title={Uri.EscapeDataString(result.GetValue(title)!)}&version={Uri.EscapeDataString(result.GetValue(version)!)}&type={result.GetValue(type)}"
                + (result.GetValue(description) is string text ? "&description=" + Uri.EscapeDataString(text) : string.Empty);
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            context.Output.WriteLine(client.Send(HttpMethod.Post, query, content).GetRawText());
            return 0;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        (Option<string> server, Option<string> apiKey) = Client.ServiceClient.Options();
        var command = new Command("list", "List the service's packages (JSON array, newest first).") { server, apiKey };
        command.SetAction(result =>
        {
            using var client = new Client.ServiceClient(result.GetValue(server), result.GetValue(apiKey));
            context.Output.WriteLine(client.Get("/api/packages").GetRawText());
            return 0;
        });
        return command;
    }

    private static Command Keygen(CliContext context)
    {
        var output = new Option<FileInfo>("--out") { Description = "Where to write the private key (PKCS#8 PEM, readable by you only).", Required = true };
        var publicOutput = new Option<FileInfo?>("--public-out") { Description = "Where to write the public key (SubjectPublicKeyInfo PEM) for devices and verify." };
        var command = new Command("keygen", "Make an ECDSA P-256 key pair for signing packages.") { output, publicOutput };
        command.SetAction(result =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            FileInfo privateFile = result.GetValue(output)!;
            Write(privateFile, key.ExportPkcs8PrivateKeyPem(), secret: true);
            if (result.GetValue(publicOutput) is FileInfo publicFile)
            {
                Write(publicFile, key.ExportSubjectPublicKeyInfoPem(), secret: false);
            }

            context.Output.WriteLine(CliJson.Object(w =>
            {
                w.WriteString("private_key", privateFile.FullName);
                w.WriteString("public_key", result.GetValue(publicOutput)?.FullName);
                w.WriteString("public_key_sha256", Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())));
            }));
            return 0;
        });
        return command;
    }

    private static Command Sign(CliContext context)
    {
        var key = new Option<FileInfo>("--key") { Description = "The ECDSA P-256 private key (PEM).", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "The image to package.", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "Where to write the signed package.", Required = true };
        var title = new Option<string>("--title") { Description = "The package title, for example the product name.", Required = true };
        var version = new Option<string>("--version") { Description = "The version devices report once they run the image.", Required = true };
        Option<string> type = CliOptions.Choice<string>("--type", "firmware or software.", "firmware", "software");
        type.Required = false;
        type.DefaultValueFactory = _ => "firmware";
        var command = new Command("sign", "Wrap an image in a signed package (image + manifest + signature).") { key, input, output, title, version, type };
        command.SetAction(result =>
        {
            using ECDsa signingKey = CliKeys.Read(result.GetValue(key)!, "--key");
            if (!CliKeys.HasPrivateKey(signingKey))
            {
                throw new CliUsageException($"--key {result.GetValue(key)!.Name}: this is a public key; signing needs the private key.");
            }

            byte[] image = CliFiles.ReadAll(result.GetValue(input)!);
            byte[] package;
            try
            {
                package = FirmwarePackage.Create(image, result.GetValue(title)!, result.GetValue(version)!, result.GetValue(type) == "software" ? FirmwareType.Software : FirmwareType.Firmware, signingKey);
            }
            catch (ArgumentException ex)
            {
                throw CliUsageException.From(ex);
            }

            Write(result.GetValue(output)!, package);
            context.Output.WriteLine(Describe(FirmwarePackage.Read(package), package, verified: null));
            return 0;
        });
        return command;
    }

    private static Command Verify(CliContext context)
    {
        var publicKey = new Option<FileInfo>("--public-key") { Description = "The ECDSA P-256 public key (PEM) the package must be signed with.", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "The package.", Required = true };
        var command = new Command("verify", "Check a package's layout, SHA-256 and signature; exit 1 when it does not verify.") { publicKey, input };
        command.SetAction(result =>
        {
            using ECDsa key = CliKeys.Read(result.GetValue(publicKey)!, "--public-key");
            byte[] bytes = CliFiles.ReadAll(result.GetValue(input)!);
            if (FirmwarePackage.TryRead(bytes, out FirmwarePackage? package) is string problem)
            {
                context.Output.WriteLine(CliJson.Object(w =>
                {
                    w.WriteBoolean("valid", false);
                    w.WriteString("problem", problem);
                }));
                return NotVerified;
            }

            bool valid = package!.VerifySignature(key);
            context.Output.WriteLine(Describe(package, bytes, valid));
            return valid ? 0 : NotVerified;
        });
        return command;
    }

    private static string Describe(FirmwarePackage package, byte[] bytes, bool? verified) =>
        CliJson.Object(w =>
        {
            if (verified is bool valid)
            {
                w.WriteBoolean("valid", valid);
                if (!valid)
                {
                    w.WriteString("problem", package.IsSigned ? "the signature does not verify with this key" : "the package is not signed");
                }
            }

            w.WriteString("title", package.Manifest.Title);
            w.WriteString("version", package.Manifest.Version);
            w.WriteString("type", package.Manifest.Type == FirmwareType.Software ? "software" : "firmware");
            w.WriteNumber("size", package.Manifest.Size);
            w.WriteString("sha256", package.Manifest.Sha256);
            w.WriteBoolean("signed", package.IsSigned);
            w.WriteNumber("package_size", bytes.Length);
            w.WriteString("package_sha256", Convert.ToHexStringLower(SHA256.HashData(bytes)));
        });

    private static void Write(FileInfo file, byte[] bytes)
    {
        try
        {
            File.WriteAllBytes(file.FullName, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot write {file.Name}: {ex.Message}");
        }
    }

    private static void Write(FileInfo file, string text, bool secret)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (secret && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // 0600: a signing key is a secret
            }

            using var writer = new StreamWriter(file.FullName, System.Text.Encoding.ASCII, options);
            writer.Write(text);
            writer.Write('\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot write {file.Name} (an existing key is never overwritten): {ex.Message}");
        }
    }
}
