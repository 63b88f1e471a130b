namespace LoRaFuota.ChirpStack.Api;

/// <summary>How the engine reaches ChirpStack's gRPC API.</summary>
public sealed class ChirpStackApiOptions
{
    /// <summary>Gets or sets the API address, e.g. <c>http://127.0.0.1:8080</c> (ChirpStack's <c>[api] bind</c>).</summary>
    public Uri Address { get; set; } = new("http://127.0.0.1:8080");

    /// <summary>Gets or sets the API token, sent as <c>authorization: Bearer</c>. It is never logged.</summary>
    public string ApiToken { get; set; } = string.Empty;

    /// <summary>Gets or sets the deadline of each call.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws an <see cref="ArgumentException"/> naming every setting that cannot work.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (Address is null || !Address.IsAbsoluteUri || (Address.Scheme != Uri.UriSchemeHttp && Address.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("Address must be an absolute http:// or https:// URI.");
        }

        if (string.IsNullOrWhiteSpace(ApiToken))
        {
            problems.Add("ApiToken is required (create one in ChirpStack under API keys).");
        }

        if (CallTimeout <= TimeSpan.Zero)
        {
            problems.Add("CallTimeout must be positive.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid ChirpStack API options: " + string.Join(" ", problems));
        }
    }
}
